import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { stoppedReading } from "@/lib/import/import-pool";
import { type ImportOutcome, importPublishedReport } from "@/lib/import/import-report";
import { pageText, readPdf } from "@/lib/render/pdf/test-support/read-pdf";
import type { RenderJob, RenderOutcome } from "@/lib/render/render-job";
import { buildWorker } from "./build-workers";
import { SERVER_JOBS } from "./server-jobs";
import { WorkerJobStoppedError, type WorkerLimits, WorkerPool, WorkerPoolBusyError } from "./worker-pool";

let folder: string;
let importWorker: string;
let renderWorker: string;

beforeAll(async () => {
  // Inside the project: the bundles' packages are found in its node_modules.
  await mkdir(path.resolve("node_modules/.cache"), { recursive: true });
  folder = await mkdtemp(path.resolve("node_modules/.cache/worker-pool-"));
  // As `npm run build` bundles them.
  [importWorker, renderWorker] = await Promise.all([buildWorker("import", folder), buildWorker("render", folder)]);
}, 60_000);

/** A stand-in worker: one that never finishes, fills its heap, or counts the jobs it served. */
function fakeWorker(name: string, onMessage: string): string {
  const file = path.join(folder, name);
  writeFileSync(
    file,
    `const { parentPort } = require("node:worker_threads");\nparentPort.on("message", (input) => { ${onMessage} });\n`,
  );
  return file;
}
const endless = () => fakeWorker("endless.cjs", "for (;;) {}");

const limits = (given: Partial<WorkerLimits> = {}): WorkerLimits => ({
  ...SERVER_JOBS.import.limits,
  maxQueue: 4,
  timeoutMs: 60_000,
  maxHeapMb: 512,
  ...given,
});
type ImportInput = { bytes: Uint8Array; fileName: string; options: { year?: number } };
const importPool = (workerFile = importWorker, given: Partial<WorkerLimits> = {}) =>
  new WorkerPool<ImportInput, ImportOutcome>(workerFile, limits(given));
const stopped = (error: unknown) => (error instanceof WorkerJobStoppedError ? stoppedReading(error) : error);

describe("uploads are read in a worker thread", () => {
  it("reads a report in the worker as it is read in this thread", async () => {
    const bytes = readFileSync("fixtures/import/real/shanghai-2019-municipal-office.html");
    const inWorker = await importPool().run({ bytes, fileName: "shanghai.html", options: { year: 2019 } });
    const here = await importPublishedReport(bytes, "shanghai.html", { year: 2019 });
    expect(inWorker.ok).toBe(true);
    expect(inWorker).toEqual(here);
  });

  it("passes on the reader's refusal", async () => {
    const bytes = new TextEncoder().encode("会议通知\n请各单位于本周五前报送材料。");
    const outcome = await importPool().run({ bytes, fileName: "notice.txt", options: {} });
    expect(outcome).toMatchObject({ ok: false, reason: "not_a_report" });
  });

  it("stops a file that reads past the time limit and says so in Chinese", async () => {
    const error = await importPool(endless(), { timeoutMs: 1000 })
      .run({ bytes: new Uint8Array([1]), fileName: "big.html", options: {} })
      .catch(stopped);
    expect(error).toEqual({ ok: false, reason: "too_slow", message: expect.stringContaining("超过 1 秒仍未完成，已停止") });
  });

  it("stops a file whose reading passes the heap limit, naming the limit", async () => {
    const hungry = fakeWorker("hungry.cjs", "const kept = []; for (;;) kept.push({ text: 'x'.repeat(64) + kept.length });");
    const error = await importPool(hungry, { maxHeapMb: 32 })
      .run({ bytes: new Uint8Array([1]), fileName: "big.pdf", options: {} })
      .catch(stopped);
    expect(error).toEqual({ ok: false, reason: "too_complex", message: expect.stringContaining("超过 32 MB 的上限") });
  });

  it("queues a few jobs and turns away more with the pool's Chinese message to retry", async () => {
    const busy = new WorkerPool<number, number>(endless(), limits({ maxQueue: 1, timeoutMs: 1500 }));
    const first = busy.run(1).catch(stopped);
    const second = busy.run(2).catch(stopped);
    const error = await busy.run(3).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerPoolBusyError);
    expect((error as Error).message).toBe(SERVER_JOBS.import.limits.busyMessage);
    // The queued one runs once the first is stopped, with a time limit of its own.
    expect(await first).toMatchObject({ reason: "too_slow" });
    expect(await second).toMatchObject({ reason: "too_slow" });
  });
});

describe("reports are set as PDF and Word in a worker thread kept between reports", () => {
  const seed = publishedSeedReports()[1]!.report;
  const renderPool = () => new WorkerPool<RenderJob, RenderOutcome>(renderWorker, SERVER_JOBS.render.limits);

  it("sets the PDF and the DOCX of a report in the worker: the PDF's pages read as the report", async () => {
    const doc = buildReportDocument(seed, { isDraft: false });
    const outcome = await renderPool().run({ doc, formats: ["pdf", "docx"] });
    if (!outcome.ok) throw new Error("refused");
    const pages = await readPdf(outcome.files.pdf!);
    expect(pages.length).toBeGreaterThan(2);
    expect(pageText(pages[0]!)).toContain(doc.title.at(-1)!.replace(/\s+/g, ""));
    // A DOCX is a zip: PK.
    expect([...outcome.files.docx!.slice(0, 2)]).toEqual([0x50, 0x4b]);
  }, 120_000);

  it("names the characters no PDF face has, as the renderer in this thread does", async () => {
    const withMissing = structuredClone(seed);
    withMissing.narrative.problems.body = "申请人𰀀某提出申请。";
    const outcome = await renderPool().run({ doc: buildReportDocument(withMissing, { isDraft: true }), formats: ["pdf"] });
    expect(outcome).toMatchObject({ ok: false, missing: [expect.objectContaining({ character: "𰀀" })] });
  }, 120_000);

  it("keeps its worker for the next job, and a fresh one per job where keepIdleMs is 0", async () => {
    // Each worker counts the jobs it has served.
    const counting = fakeWorker(
      "counting.cjs",
      "globalThis.served = (globalThis.served ?? 0) + 1; parentPort.postMessage({ ok: true, value: globalThis.served });",
    );
    const kept = new WorkerPool<number, number>(counting, limits({ keepIdleMs: 60_000 }));
    expect([await kept.run(1), await kept.run(2), await kept.run(3)]).toEqual([1, 2, 3]);
    const fresh = new WorkerPool<number, number>(counting, limits({ keepIdleMs: 0 }));
    expect([await fresh.run(1), await fresh.run(2)]).toEqual([1, 1]);
  });
});
