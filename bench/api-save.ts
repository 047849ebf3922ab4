import { existsSync } from "node:fs";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { seedReports } from "@/fixtures/seed-reports";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";
import { formatTiming, measure } from "./measure";
import { BENCH_ADMIN, client, setUpBenchServer, signInCookie } from "./signed-in";

const RUNS = 200;

/** PUT /api/reports/[id] against the built app, timed from the request to the answer after COMMIT. */
async function benchApiSave(label: string, port: number, databaseUrl?: string): Promise<string> {
  const server = await startAppServer(port, { databaseUrl });
  try {
    await setUpBenchServer(server, E2E_SETUP_CODE);
    const call = client(server, await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password));
    const report = structuredClone(seedReports()[1]!.report);
    const created = await call("/api/reports", { method: "POST", json: { report } });
    const { stored } = (await created.json()) as { stored: { id: string; revision: number } };
    let revision = stored.revision;
    const timing = await measure(
      async () => {
        report.ledger["s3.new.natural_person"] = revision % 2 === 0 ? 174 : 175;
        const response = await call(`/api/reports/${stored.id}`, { method: "PUT", json: { baseRevision: revision, report } });
        if (!response.ok) throw new Error(`保存失败：${response.status} ${await response.text()}`);
        revision = ((await response.json()) as { stored: { revision: number } }).stored.revision;
      },
      RUNS,
      20,
    );
    return formatTiming(`API 保存往返（${label}，种子001）`, timing);
  } finally {
    await server.kill();
  }
}

export async function benchApi(): Promise<string[]> {
  if (!existsSync(".next/BUILD_ID")) return ["API 保存往返：跳过（先运行 npm run build）"];
  const lines = [await benchApiSave("PGlite", 3195)];
  const serverUrl = testDatabaseUrl();
  const problem = await probePostgres(serverUrl);
  if (problem) {
    lines.push(`API 保存往返（PostgreSQL）：跳过，无法连接 ${serverUrl}（${problem}）`);
    return lines;
  }
  const scratch = await createScratchDatabase(serverUrl);
  try {
    lines.push(await benchApiSave("PostgreSQL", 3196, scratch.url));
  } finally {
    await scratch.drop();
  }
  return lines;
}
