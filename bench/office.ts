import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { type AppServer, startAppServer } from "@/e2e/fixtures/app-server";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/scratch-database";
import { formatTiming, measure, type Timing } from "./measure";
import { BENCH_ADMIN, changeFirstPassword, client, setUpBenchServer, signInCookie } from "./signed-in";

const UNITS = 300;
const CLIENTS = 50;
const SAVE_SECONDS = 30;
const PASSWORD = "bench-user-password";
const CELL = "s3.new.natural_person";

function timingOf(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
  return {
    runs: samples.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    meanMs: samples.reduce((total, value) => total + value, 0) / Math.max(1, samples.length),
  };
}

/** 300 units, one 填报人 and one report each, made through the API as an office would. */
async function populate(
  server: AppServer,
): Promise<{ admin: ReturnType<typeof client>; people: { username: string; reportId: string }[] }> {
  await setUpBenchServer(server, E2E_SETUP_CODE);
  const admin = client(server, await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password));
  const names = Array.from({ length: UNITS }, (_, index) => `基准单位${String(index + 1).padStart(3, "0")}`);
  const top = "基准测试县人民政府";
  const made = await admin("/api/units", { method: "POST", json: { list: names.map((name) => `${name}\t${top}`).join("\n") } });
  if (!made.ok) throw new Error(`建单位失败：${made.status} ${await made.text()}`);
  const { units } = (await made.json()) as { units: { id: string; name: string }[] };
  const report = publishedSeedReports()[1]!.report;
  const people: { username: string; reportId: string }[] = [];
  for (const [index, unit] of units.entries()) {
    const username = `bench${index + 1}`;
    const user = await admin("/api/users", {
      method: "POST",
      json: { username, name: unit.name, password: `${PASSWORD}-chushi`, role: "filler", unitId: unit.id },
    });
    if (!user.ok) throw new Error(`建账号失败：${user.status} ${await user.text()}`);
    await changeFirstPassword(server, username, `${PASSWORD}-chushi`, PASSWORD);
    const created = await admin("/api/reports", {
      method: "POST",
      json: { report: { ...report, info: { ...report.info, agencyName: unit.name } }, unitId: unit.id },
    });
    if (!created.ok) throw new Error(`建报告失败：${created.status} ${await created.text()}`);
    people.push({ username, reportId: ((await created.json()) as { stored: { id: string } }).stored.id });
  }
  return { admin, people };
}

/**
 * CLIENTS signed-in people save their own report in a loop for SAVE_SECONDS; every save the
 * server acknowledged must be there afterwards (revision and figure).
 */
async function concurrentSaves(server: AppServer, people: { username: string; reportId: string }[]) {
  const clients = await Promise.all(
    people
      .slice(0, CLIENTS)
      .map(async (person) => ({ ...person, call: client(server, await signInCookie(server, person.username, PASSWORD)) })),
  );
  const samples: number[] = [];
  const acknowledged = new Map<string, { revision: number; value: number }>();
  const deadline = performance.now() + SAVE_SECONDS * 1000;
  let failures = 0;
  await Promise.all(
    clients.map(async ({ reportId, call }) => {
      const current = (await (await call(`/api/reports/${reportId}`)).json()) as {
        stored: { revision: number; report: ReturnType<typeof publishedSeedReports>[number]["report"] };
      };
      const own = structuredClone(current.stored.report);
      let revision = current.stored.revision;
      let value = 1;
      while (performance.now() < deadline) {
        value += 1;
        own.ledger[CELL] = value;
        const start = performance.now();
        const response = await call(`/api/reports/${reportId}`, { method: "PUT", json: { baseRevision: revision, report: own } });
        samples.push(performance.now() - start);
        if (!response.ok) {
          failures += 1;
          continue;
        }
        revision = ((await response.json()) as { stored: { revision: number } }).stored.revision;
        acknowledged.set(reportId, { revision, value });
      }
    }),
  );
  let lost = 0;
  for (const [reportId, expected] of acknowledged) {
    const stored = (await (
      await clients.find((item) => item.reportId === reportId)!.call(`/api/reports/${reportId}`)
    ).json()) as {
      stored: { revision: number; report: { ledger: Record<string, unknown> } };
    };
    if (stored.stored.revision !== expected.revision || stored.stored.report.ledger[CELL] !== expected.value) lost += 1;
  }
  return { timing: timingOf(samples), saves: samples.length - failures, failures, lost };
}

async function benchOn(label: string, port: number, databaseUrl?: string): Promise<string[]> {
  const server = await startAppServer(port, { databaseUrl });
  try {
    const started = performance.now();
    const { admin, people } = await populate(server);
    const setupSeconds = (performance.now() - started) / 1000;
    const saves = await concurrentSaves(server, people);
    const year = 2025;
    const timedGet = (path: string, what: string) =>
      measure(
        async () => {
          const response = await admin(`${path}?year=${year}`);
          if (!response.ok) throw new Error(`${what}失败：${response.status}`);
          await response.arrayBuffer();
        },
        20,
        3,
      );
    const overview = await timedGet("/api/overview", "总览");
    const summary = await timedGet("/api/summary", "汇总");
    return [
      `办公室（${label}）：${UNITS} 个单位、${UNITS} 个账号、每单位一份报告，准备用时 ${setupSeconds.toFixed(0)} s`,
      formatTiming(
        `  ${CLIENTS} 人同时保存 ${SAVE_SECONDS} s`,
        saves.timing,
        `；${(saves.saves / SAVE_SECONDS).toFixed(1)} 次/秒，失败 ${saves.failures}，已确认却丢失 ${saves.lost}`,
        "已确认却丢失 0",
      ),
      formatTiming(`  审核总览（${UNITS} 个单位）`, overview),
      formatTiming(`  汇总（${UNITS} 个单位）`, summary),
    ];
  } finally {
    await server.kill();
  }
}

/** The office on PostgreSQL, as an office with many units would run it. */
export async function benchOffice(): Promise<string[]> {
  if (!existsSync(".next/BUILD_ID")) return ["办公室基准：跳过（先运行 npm run build）"];
  const serverUrl = testDatabaseUrl();
  const problem = await probePostgres(serverUrl);
  if (problem) return [`办公室基准（PostgreSQL）：跳过，无法连接 ${serverUrl}（${problem}）`];
  const scratch = await createScratchDatabase(serverUrl);
  try {
    return await benchOn("PostgreSQL", 3197, scratch.url);
  } finally {
    await scratch.drop();
  }
}
