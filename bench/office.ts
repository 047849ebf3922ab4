import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { type AppServer, startAppServer, testPort } from "@/e2e/fixtures/app-server";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";
import { formatTiming, timingOf } from "./measure";
import { BENCH_ADMIN, changeFirstPassword, client, setUpBenchServer, signInCookie } from "./signed-in";

const UNITS = 300;
const CLIENTS = 50;
const SAVE_SECONDS = 30;
const PASSWORD = "bench-user-password";
const CELL = "s3.new.natural_person";

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

/** The server's CPU time so far (user + system), from /proc: what its saves cost, whatever the machine does. */
function serverCpuMs(server: AppServer): number {
  const pid = server.pid();
  if (pid === undefined) throw new Error("服务器进程不在运行");
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CLIENTS signed-in people each save their own report once a second for SAVE_SECONDS (the editor's
 * autosave while someone types), while a reviewer opens the overview and the 汇总 again and again.
 * Every save the server acknowledged must be there afterwards (revision and figure).
 */
async function officeUnderLoad(
  server: AppServer,
  admin: ReturnType<typeof client>,
  people: { username: string; reportId: string }[],
  year: number,
) {
  const clients = await Promise.all(
    people
      .slice(0, CLIENTS)
      .map(async (person) => ({ ...person, call: client(server, await signInCookie(server, person.username, PASSWORD)) })),
  );
  const samples: number[] = [];
  const acknowledged = new Map<string, { revision: number; value: number }>();
  const cpuBefore = serverCpuMs(server);
  const begin = performance.now();
  const deadline = begin + SAVE_SECONDS * 1000;
  let failures = 0;
  const saving = Promise.all(
    clients.map(async ({ reportId, call }, index) => {
      const current = (await (await call(`/api/reports/${reportId}`)).json()) as {
        stored: { revision: number; report: ReturnType<typeof publishedSeedReports>[number]["report"] };
      };
      const own = structuredClone(current.stored.report);
      let revision = current.stored.revision;
      let value = 1;
      // Spread over the second, as people's keystrokes are.
      let next = begin + (index * 1000) / CLIENTS;
      while (next < deadline) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        next += 1000;
        value += 1;
        own.ledger[CELL] = value;
        const start = performance.now();
        const response = await call(`/api/reports/${reportId}`, { method: "PUT", json: { baseRevision: revision, report: own } });
        samples.push(performance.now() - start);
        if (!response.ok) {
          failures += 1;
          await response.arrayBuffer();
          continue;
        }
        revision = ((await response.json()) as { stored: { revision: number } }).stored.revision;
        acknowledged.set(reportId, { revision, value });
      }
    }),
  );
  // The reviewer's pages while everyone saves: one after another until the saving stops.
  const overview: number[] = [];
  const summary: number[] = [];
  const reviewing = (async () => {
    while (performance.now() < deadline - 1000) {
      for (const [path, into] of [
        ["/api/overview", overview],
        ["/api/summary", summary],
      ] as const) {
        const start = performance.now();
        const response = await admin(`${path}?year=${year}`);
        if (!response.ok) throw new Error(`${path} 失败：${response.status}`);
        await response.arrayBuffer();
        into.push(performance.now() - start);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  await Promise.all([saving, reviewing]);
  const cpuMs = serverCpuMs(server) - cpuBefore;
  let lost = 0;
  for (const [reportId, expected] of acknowledged) {
    const stored = (await (
      await clients.find((item) => item.reportId === reportId)!.call(`/api/reports/${reportId}`)
    ).json()) as {
      stored: { revision: number; report: { ledger: Record<string, unknown> } };
    };
    if (stored.stored.revision !== expected.revision || stored.stored.report.ledger[CELL] !== expected.value) lost += 1;
  }
  const saves = samples.length - failures;
  return {
    saves: timingOf(samples),
    savesPerSecond: saves / SAVE_SECONDS,
    // The reviewer's pages are in the CPU too: an upper bound on a save's own cost.
    cpuPerSaveMs: cpuMs / Math.max(1, saves),
    failures,
    lost,
    overview: timingOf(overview),
    summary: timingOf(summary),
  };
}

async function benchOn(label: string, port: number, goalMs: number, databaseUrl?: string): Promise<string[]> {
  const server = await startAppServer(port, { databaseUrl });
  try {
    const started = performance.now();
    const { admin, people } = await populate(server);
    const setupSeconds = (performance.now() - started) / 1000;
    const load = await officeUnderLoad(server, admin, people, 2025);
    return [
      `办公室（${label}）：${UNITS} 个单位、${UNITS} 个账号、每单位一份报告，准备用时 ${setupSeconds.toFixed(0)} s`,
      formatTiming(
        `  ${CLIENTS} 人各每秒保存一次 ${SAVE_SECONDS} s`,
        load.saves,
        `；${load.savesPerSecond.toFixed(1)} 次/秒，服务器 CPU ${load.cpuPerSaveMs.toFixed(1)} ms/次，失败 ${load.failures}，已确认却丢失 ${load.lost}`,
        `p95 < ${goalMs} ms，CPU ≤ 5 ms/次，已确认却丢失 0`,
      ),
      formatTiming(`  同时打开审核总览（${UNITS} 个单位）`, load.overview, "", "p95 < 300 ms"),
      formatTiming(`  同时打开汇总（${UNITS} 个单位）`, load.summary, "", "p95 < 300 ms"),
    ];
  } finally {
    await server.kill();
  }
}

/** The office on both engines: the embedded store an office starts on, and PostgreSQL. */
export async function benchOffice(): Promise<string[]> {
  if (!existsSync(".next/BUILD_ID")) return ["办公室基准：跳过（先运行 npm run build）"];
  const lines = await benchOn("PGlite", testPort(3198), 250);
  const serverUrl = testDatabaseUrl();
  const problem = await probePostgres(serverUrl);
  if (problem) return [...lines, `办公室基准（PostgreSQL）：跳过，无法连接 ${serverUrl}（${problem}）`];
  const scratch = await createScratchDatabase(serverUrl);
  try {
    return [...lines, ...(await benchOn("PostgreSQL", testPort(3197), 100, scratch.url))];
  } finally {
    await scratch.drop();
  }
}
