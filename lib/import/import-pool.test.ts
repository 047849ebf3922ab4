import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { ImportBusyError, ImportPool } from "./import-pool";
import { importPublishedReport } from "./import-report";

let folder: string;
let workerFile: string;

beforeAll(async () => {
  // Inside the project: the bundle's packages are found in its node_modules.
  await mkdir(path.resolve("node_modules/.cache"), { recursive: true });
  folder = await mkdtemp(path.resolve("node_modules/.cache/import-pool-"));
  workerFile = path.join(folder, "import-worker.cjs");
  // As package.json's build:server bundles it.
  await build({
    entryPoints: [path.resolve("lib/import/import-worker.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: workerFile,
    logLevel: "warning",
  });
});

/** A stand-in worker that never finishes, or one that fills its heap. */
function fakeWorker(name: string, body: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, body);
  return file;
}

const pool = (options: Partial<ConstructorParameters<typeof ImportPool>[0]>) =>
  new ImportPool({ workerFile, concurrency: 1, maxQueue: 4, timeoutMs: 60_000, maxHeapMb: 512, ...options });

describe("uploads are read in a worker thread", () => {
  it("reads a report in the worker as it is read in this thread", async () => {
    const bytes = readFileSync("fixtures/import/real/shanghai-2019-municipal-office.html");
    const inWorker = await pool({}).read(bytes, "shanghai.html", { year: 2019 });
    const here = await importPublishedReport(bytes, "shanghai.html", { year: 2019 });
    expect(inWorker.ok).toBe(true);
    expect(inWorker).toEqual(here);
  });

  it("passes on the reader's refusal", async () => {
    const outcome = await pool({}).read(new TextEncoder().encode("会议通知\n请各单位于本周五前报送材料。"), "notice.txt");
    expect(outcome).toMatchObject({ ok: false, reason: "not_a_report" });
  });

  it("stops a file that reads past the time limit and says so in Chinese", async () => {
    const endless = fakeWorker("endless.cjs", "for (;;) {}");
    const outcome = await pool({ workerFile: endless, timeoutMs: 1000 }).read(new Uint8Array([1]), "big.html");
    expect(outcome).toEqual({ ok: false, reason: "too_slow", message: expect.stringContaining("超过 1 秒仍未完成，已停止") });
  });

  it("stops a file whose reading passes the heap limit, naming the limit", async () => {
    const hungry = fakeWorker("hungry.cjs", "const kept = []; for (;;) kept.push({ text: 'x'.repeat(64) + kept.length });");
    const outcome = await pool({ workerFile: hungry, maxHeapMb: 32 }).read(new Uint8Array([1]), "big.pdf");
    expect(outcome).toEqual({ ok: false, reason: "too_complex", message: expect.stringContaining("超过 32 MB 的上限") });
  });

  it("queues a few files and turns away more with a Chinese message to retry", async () => {
    const endless = fakeWorker("endless.cjs", "for (;;) {}");
    const busy = pool({ workerFile: endless, maxQueue: 1, timeoutMs: 1500 });
    const first = busy.read(new Uint8Array([1]), "a.html");
    const second = busy.read(new Uint8Array([1]), "b.html");
    const error = await busy.read(new Uint8Array([1]), "c.html").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportBusyError);
    expect((error as Error).message).toContain("请稍候几秒再试");
    // The queued one is read once the first is done, with a time limit of its own.
    expect(await first).toMatchObject({ reason: "too_slow" });
    expect(await second).toMatchObject({ reason: "too_slow" });
  });
});
