import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedReports } from "@/fixtures/seed-reports";
import type { TReport } from "@/lib/report/report-schema";
import type { DatabaseOptions } from "@/lib/store/database";
import { openReportStore } from "@/lib/store/report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";
import { formatTiming, measure } from "./measure";

const SAVE_RUNS = 200;
const LIST_SIZE = 1_000;
const LIST_RUNS = 100;

/** Two versions of seed 001 differing in one cell, so every timed save writes a revision. */
function alternatingVersions(): [TReport, TReport] {
  const base = seedReports()[1]!.report;
  return [1, 2].map((value) => {
    const version = structuredClone(base);
    version.ledger["s3.new.natural_person"] = value;
    return version;
  }) as [TReport, TReport];
}

async function benchEngine(label: string, options: DatabaseOptions): Promise<string[]> {
  const store = await openReportStore(options);
  try {
    const versions = alternatingVersions();
    const created = await store.createReport(versions[1]); // revision r holds versions[r % 2]
    let revision = created.revision;
    // saveReport resolves after COMMIT: validation, rules, diff, UPDATE and revision INSERT.
    const save = await measure(
      async () => {
        const result = await store.saveReport(created.id, revision, versions[(revision + 1) % 2]);
        if (result.status !== "saved") throw new Error(`基准测试保存失败：${result.status}`);
        revision = result.stored.revision;
      },
      SAVE_RUNS,
      20,
    );
    const open = await measure(() => store.getReport(created.id), SAVE_RUNS, 20);

    const seeds = seedReports().map((seed) => seed.report);
    // One report per agency and year: each list entry is another agency's.
    for (let index = 1; index < LIST_SIZE; index += 1) {
      const seed = seeds[index % seeds.length]!;
      await store.createReport({ ...seed, info: { ...seed.info, agencyName: `${seed.info.agencyName}（列表${index}）` } });
    }
    const list = await measure(
      async () => {
        const rows = await store.listReports();
        if (rows.length !== LIST_SIZE) throw new Error(`首页列表应有 ${LIST_SIZE} 份，实得 ${rows.length}`);
      },
      LIST_RUNS,
      10,
    );
    return [
      formatTiming(`保存往返（${label}，种子001）`, save, "", "median ≤ 6 ms"),
      formatTiming(`打开报告（${label}）`, open),
      formatTiming(`首页列表 ${LIST_SIZE} 份（${label}）`, list),
    ];
  } finally {
    await store.close();
  }
}

/** Store timings on embedded PGlite (temporary folder) and on the PostgreSQL server of TEST_DATABASE_URL. */
export async function benchStore(): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-bench-"));
  try {
    lines.push(...(await benchEngine("PGlite", { dataDir })));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  const serverUrl = testDatabaseUrl();
  const problem = await probePostgres(serverUrl);
  if (problem) {
    lines.push(`PostgreSQL 存储：跳过，无法连接 ${serverUrl}（${problem}）；可用 TEST_DATABASE_URL 指定服务器`);
    return lines;
  }
  const scratch = await createScratchDatabase(serverUrl);
  try {
    lines.push(...(await benchEngine("PostgreSQL", { databaseUrl: scratch.url })));
  } finally {
    await scratch.drop();
  }
  return lines;
}
