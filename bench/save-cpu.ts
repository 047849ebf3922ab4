import { performance } from "node:perf_hooks";
import { seedReports } from "@/fixtures/seed-reports";
import { createReport, saveReport } from "@/lib/api/report-routes";
import { openAppStore } from "@/lib/api/test-support/app-store-place";
import { signedInCookie } from "@/lib/api/test-support/session";
import type { StoreEngine } from "@/lib/store/report-store";
import { probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";
import { formatTiming, timingOf } from "./measure";

const RUNS = 300;
const WARMUP = 30;

async function cpuPerSave(engine: StoreEngine) {
  const { store, release } = await openAppStore(engine);
  try {
    const cookie = await signedInCookie(store);
    const headers = { cookie, "content-type": "application/json", origin: "http://localhost" };
    const report = structuredClone(seedReports()[1]!.report);
    const created = await createReport(
      new Request("http://localhost/api/reports", { method: "POST", headers, body: JSON.stringify({ report }) }),
    );
    if (!created.ok) throw new Error(`create ${created.status} ${await created.text()}`);
    const { stored } = (await created.json()) as { stored: { id: string; revision: number } };
    let revision = stored.revision;
    const cpu: number[] = [];
    const wall: number[] = [];
    const inspector = process.env.PROFILE ? new (await import("node:inspector/promises")).Session() : null;
    for (let run = 0; run < RUNS + WARMUP; run += 1) {
      if (inspector && run === WARMUP) {
        inspector.connect();
        await inspector.post("Profiler.enable");
        await inspector.post("Profiler.start");
      }
      report.ledger["s3.new.natural_person"] = 100 + (run % 50);
      report.narrative = { ...report.narrative };
      const before = process.cpuUsage();
      const start = performance.now();
      const response = await saveReport(
        new Request(`http://localhost/api/reports/${stored.id}`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ baseRevision: revision, report }),
        }),
        { params: Promise.resolve({ id: stored.id }) },
      );
      const body = (await response.json()) as { stored: { revision: number } };
      const used = process.cpuUsage(before);
      if (run >= WARMUP) {
        cpu.push((used.user + used.system) / 1000);
        wall.push(performance.now() - start);
      }
      revision = body.stored.revision;
    }
    if (inspector) {
      const { profile } = await inspector.post("Profiler.stop");
      (await import("node:fs")).writeFileSync(`${process.env.PROFILE}-${engine}.cpuprofile`, JSON.stringify(profile));
    }
    return formatTiming(
      `保存的服务器 CPU（${engine === "pglite" ? "PGlite" : "PostgreSQL"}，进程内）`,
      timingOf(cpu),
      `；往返 median ${timingOf(wall).medianMs.toFixed(1)} ms`,
      "≤ 5 ms/次",
    );
  } finally {
    await release();
  }
}

/**
 * What one save costs the server's own process: the route handler in process, on the seed report,
 * one cell changed a save. `PROFILE=prefix` writes a CPU profile of the timed saves.
 */
export async function benchSaveCpu(): Promise<string[]> {
  const lines = [await cpuPerSave("pglite")];
  const problem = await probePostgres(testDatabaseUrl());
  lines.push(problem ? `保存的服务器 CPU（PostgreSQL）：跳过（${problem}）` : await cpuPerSave("postgres"));
  return lines;
}
