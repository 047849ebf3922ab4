// First-run setup and sign-in under attack, on both engines: all-or-nothing setup, the login limit under concurrent guesses.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { openReportStore, type ReportStore, type StoreEngine } from "@/lib/store/report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "@/lib/store/test-support/scratch-database";
import { listUnits } from "@/lib/store/unit-store";
import { countUsers, createAccount, setAccountDisabled } from "./accounts";
import { authFor } from "./auth-server";
import { MAX_FAILURES_PER_USERNAME } from "./login-limiter";
import { signIn } from "./sessions";
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

const someoneElse: Actor = { userId: "someone-else", username: "other", name: "另一管理员", role: "admin", unitId: null };
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

  /** Counts the password hashes checked while `work` runs (scrypt: the costly step a guess needs). */
  async function countChecks(work: () => Promise<unknown>): Promise<number> {
    const context = await (await authFor(store.db)).$context;
    const spy = vi.spyOn(context.password, "verify");
    try {
      await work();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  const attempt = (username: string, password: string, address: string) =>
    signIn(store.db, { username, password, address, headers: new Headers({ "user-agent": "vitest" }) }).then(
      () => 200,
      (error: { status?: number }) => error.status ?? 500,
    );

  it("40 个同时的猜测：最多检查 5 个密码，其余一律 429；之后正确的密码也要等锁定结束", async () => {
    const [unit] = await listUnits(store.db);
    await createAccount(store.db, {
      username: "burst",
      name: "并发",
      password: "right-password",
      role: "filler",
      unitId: unit!.id,
    });
    let statuses: number[] = [];
    const checked = await countChecks(async () => {
      statuses = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          attempt("burst", index === 39 ? "right-password" : `guess-${index}`, `10.40.0.${index + 1}`),
        ),
      );
    });
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_USERNAME);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40 - MAX_FAILURES_PER_USERNAME);
    expect(statuses.every((status) => status === 401 || status === 429 || status === 200)).toBe(true);
    if (!statuses.includes(200)) expect(await attempt("burst", "right-password", "10.40.1.1")).toBe(429);

    // One address trying many usernames at once: at most 20 passwords checked.
    let perAddress: number[] = [];
    const checkedFromOne = await countChecks(async () => {
      perAddress = await Promise.all(
        Array.from({ length: 40 }, (_, index) => attempt(`many${index}`, "x-password", "10.41.0.1")),
      );
    });
    expect(checkedFromOne).toBeLessThanOrEqual(20);
    expect(perAddress.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it("未知用户、密码错误和停用账号：同样检查一次密码，回答完全相同", async () => {
    const [unit] = await listUnits(store.db);
    const person = await createAccount(store.db, {
      username: "sameanswer",
      name: "同答",
      password: "right-password",
      role: "filler",
      unitId: unit!.id,
    });
    const outcome = async (username: string, password: string, address: string) => {
      let answer: { status?: number; message?: string } = {};
      const checks = await countChecks(async () => {
        answer = await signIn(store.db, { username, password, address, headers: new Headers() }).then(
          () => ({ status: 200 }),
          (error: { status?: number; message?: string }) => ({ status: error.status, message: error.message }),
        );
      });
      return { checks, ...answer };
    };
    const unknown = await outcome("nosuchperson", "right-password", "10.42.0.1");
    const wrong = await outcome("sameanswer", "wrong-password", "10.42.0.2");
    expect(unknown).toEqual({ checks: 1, status: 401, message: "用户名或密码不对" });
    expect(wrong).toEqual(unknown);
    await setAccountDisabled(store.db, person.id, true, someoneElse);
    expect(await outcome("sameanswer", "right-password", "10.42.0.3")).toEqual(unknown);
    expect(await outcome("sameanswer", "wrong-password", "10.42.0.4")).toEqual(unknown);
  }, 60_000);
});
