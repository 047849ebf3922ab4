// First-run setup and sign-in under attack, on both engines: all-or-nothing setup, the login limit under concurrent guesses.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReportStore, type ReportStore, type StoreEngine } from "@/lib/store/report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/scratch-database";
import { listUnits } from "@/lib/store/unit-store";
import { countUsers } from "./accounts";
import { completeFirstRun, prepareFirstRun } from "./setup";

const serverUrl = testDatabaseUrl();
const serverProblem = await probePostgres(serverUrl);

type Place = { store: ReportStore; dispose(): Promise<void> };

async function openPlace(engine: StoreEngine): Promise<Place> {
  if (engine === "pglite") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-first-run-"));
    const store = await openReportStore({ dataDir });
    return { store, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(serverUrl);
  return { store: await openReportStore({ databaseUrl: scratch.url }), dispose: scratch.drop };
}

const cases: { engine: StoreEngine; unavailable: string | null }[] = [
  { engine: "pglite", unavailable: null },
  { engine: "postgres", unavailable: serverProblem },
];

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error & { status?: number },
  );

describe.each(cases)("首次设置和登录（$engine）", ({ engine, unavailable }) => {
  if (unavailable !== null && !process.env.CI) {
    it.skip(`跳过：无法连接 ${serverUrl}（${unavailable}）`, () => undefined);
    return;
  }
  let place: Place;
  let store: ReportStore;
  let code = "";

  beforeAll(async () => {
    place = await openPlace(engine);
    store = place.store;
    code = (await prepareFirstRun(store))!;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await place?.dispose();
  });

  it("首次设置要么全部完成，要么什么都不留：空白单位名、NUL 不会用掉设置代码，也不会留下单位", async () => {
    const good = { code, unitName: "首设县人民政府", username: "firstadmin", name: "王管理", password: "first-admin-pass" };
    const bad = [
      { ...good, unitName: "   " },
      { ...good, unitName: "首设\u0000县" },
      { ...good, name: "王\u0000管理" },
      { ...good, username: "a\u0000b" },
      { ...good, password: "short" },
    ];
    for (const input of bad) {
      const error = await failure(completeFirstRun(store, input));
      expect(error?.status, JSON.stringify(input)).toBe(400);
      expect(error?.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect(await listUnits(store.db)).toEqual([]);
    expect(await countUsers(store.db)).toBe(0);
    // The code was never used up: the right request still goes through, once.
    const admin = await completeFirstRun(store, good);
    expect(admin).toMatchObject({ username: "firstadmin", role: "admin", name: "王管理" });
    expect((await listUnits(store.db)).map((unit) => unit.name)).toEqual(["首设县人民政府"]);
    expect((await failure(completeFirstRun(store, good)))?.status).toBe(409);
    const [row] = (
      await store.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM app_settings WHERE key = 'setup_code_hash'`)
    ).rows;
    expect(row?.n).toBe(0);
  });
});
