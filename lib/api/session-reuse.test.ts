// A session looked up a moment ago is reused (session-cache.ts), on both engines: every change to
// an account or a session made through the app holds from the very next request, and a change made
// behind the app's back (another process) within SESSION_REUSE_MS.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_REUSE_MS } from "@/lib/auth/session-cache";
import { signIn } from "@/lib/auth/sessions";
import type { ReportStore } from "@/lib/store/report-store";
import { user } from "@/lib/store/schema";
import { createUnit, listUnits } from "@/lib/store/unit-store";
import { patchUser } from "./admin-routes";
import { changePassword, logout, me } from "./auth-routes";
import { getOverview } from "./overview-routes";
import { createReport, getReport, listReports } from "./report-routes";
import { appStoreCases, useAppStore } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

const cases = await appStoreCases();

const send = (cookie: string, method: string, url: string, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { cookie, "content-type": "application/json", origin: "http://localhost" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const cookieOf = (cookies: string[]) => cookies.map((cookie) => cookie.split(";")[0]).join("; ");
const meOf = async (cookie: string) => {
  const response = await me(send(cookie, "GET", "/api/auth/me"));
  return { status: response.status, body: (await response.json()) as { userId?: string; role?: string; name?: string } };
};

describe.each(cases)("会话在短时间内复用，账号的改动立即生效（$engine）", ({ engine, unavailable }) => {
  if (unavailable !== null && !process.env.CI) {
    it.skip(`跳过：无法连接 PostgreSQL（${unavailable}）`, () => undefined);
    return;
  }
  let app: Awaited<ReturnType<typeof useAppStore>>;
  let store: ReportStore;
  let admin = "";
  let topId = "";
  let lowerId = "";

  beforeAll(async () => {
    app = await useAppStore(engine);
    store = app.store;
    admin = await signedInCookie(store, { role: "admin", unitName: "复用县人民政府" });
    topId = (await listUnits(store.db)).find((unit) => unit.name === "复用县人民政府")!.id;
    lowerId = (await createUnit(store.db, { name: "复用县财政局", parentId: topId })).id;
  }, 60_000);
  afterAll(async () => app?.release());
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A 填报人 of the top unit, signed in and already seen by a request (so the next one may reuse the lookup). */
  async function seenFiller(): Promise<{ cookie: string; userId: string }> {
    const cookie = await signedInCookie(store, { unitName: "复用县人民政府" });
    const seen = await meOf(cookie);
    expect(seen.status).toBe(200);
    expect((await listReports(send(cookie, "GET", "/api/reports"))).status).toBe(200);
    return { cookie, userId: seen.body.userId! };
  }

  const change = (userId: string, body: unknown) => patchUser(send(admin, "PATCH", `/api/users/${userId}`, body), params(userId));

  it("改角色：下一次请求就按新角色（填报人 → 审核人可看总览，改回后 403）", async () => {
    const { cookie, userId } = await seenFiller();
    expect((await getOverview(send(cookie, "GET", "/api/overview?year=2025"))).status).toBe(403);
    expect((await change(userId, { role: "reviewer" })).status).toBe(200);
    const asReviewer = await getOverview(send(cookie, "GET", "/api/overview?year=2025"));
    expect(asReviewer.status).toBe(200);
    const names = ((await asReviewer.json()) as { rows: { unit: { name: string } }[] }).rows.map((row) => row.unit.name);
    expect(names).toEqual(expect.arrayContaining(["复用县人民政府", "复用县财政局"]));
    expect((await change(userId, { role: "filler" })).status).toBe(200);
    expect((await getOverview(send(cookie, "GET", "/api/overview?year=2025"))).status).toBe(403);
    expect((await meOf(cookie)).body.role).toBe("filler");
  }, 60_000);

  it("调到另一单位：原单位的报告下一次请求就找不到", async () => {
    const { cookie, userId } = await seenFiller();
    const created = await createReport(send(cookie, "POST", "/api/reports", { agencyName: "复用县人民政府办公室", year: 2025 }));
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { stored: { id: string } }).stored;
    expect((await getReport(send(cookie, "GET", `/api/reports/${id}`), params(id))).status).toBe(200);
    expect((await change(userId, { unitId: lowerId })).status).toBe(200);
    expect((await getReport(send(cookie, "GET", `/api/reports/${id}`), params(id))).status).toBe(404);
  }, 60_000);

  it("改姓名、停用账号：下一次请求就生效（停用后 401）", async () => {
    const { cookie, userId } = await seenFiller();
    expect((await change(userId, { name: "复用新名" })).status).toBe(200);
    expect((await meOf(cookie)).body.name).toBe("复用新名");
    expect((await change(userId, { disabled: true })).status).toBe(200);
    expect((await listReports(send(cookie, "GET", "/api/reports"))).status).toBe(401);
    expect((await meOf(cookie)).status).toBe(401);
  }, 60_000);

  it("退出登录，或在另一处改了密码：这个 Cookie 下一次请求就是 401", async () => {
    const first = await seenFiller();
    const signedOut = await logout(send(first.cookie, "POST", "/api/auth/logout", {}));
    expect(signedOut.status).toBe(200);
    expect((await listReports(send(first.cookie, "GET", "/api/reports"))).status).toBe(401);

    const second = await seenFiller();
    const username = (await store.db.select({ username: user.username }).from(user).where(eq(user.id, second.userId)))[0]!
      .username!;
    const other = cookieOf(
      (await signIn(store.db, { username, password: "test-password-1-own", address: "10.8.0.1", headers: new Headers() }))
        .cookies,
    );
    expect((await meOf(other)).status).toBe(200);
    const changed = await changePassword(
      send(second.cookie, "POST", "/api/auth/password", {
        currentPassword: "test-password-1-own",
        newPassword: "test-password-1-new",
      }),
    );
    expect(changed.status).toBe(200);
    expect((await meOf(other)).status).toBe(401);
  }, 60_000);

  it("绕过本程序直接改数据库（如另一进程）：最多 SESSION_REUSE_MS 后生效", async () => {
    const { cookie, userId } = await seenFiller();
    await store.db.update(user).set({ disabled: true }).where(eq(user.id, userId));
    // Reused: this process was not told.
    expect((await meOf(cookie)).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + SESSION_REUSE_MS + 1 });
    expect((await meOf(cookie)).status).toBe(401);
  }, 60_000);
});
