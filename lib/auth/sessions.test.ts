import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/access";
import { openReportStore, type ReportStore } from "@/lib/store/report-store";
import { createUnit } from "@/lib/store/unit-store";
import { type AccountError, createAccount, resetPassword, setAccountDisabled } from "./accounts";
import { MAX_FAILURES_PER_USERNAME } from "./login-limiter";
import { actorFromHeaders, changeOwnPassword, signIn, signOut } from "./sessions";

let dataDir: string;
let store: ReportStore;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-auth-"));
  store = await openReportStore({ dataDir });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const someoneElse: Actor = { userId: "someone-else", username: "other", name: "另一管理员", role: "admin", unitId: null };
const cookieHeader = (cookies: string[]) => new Headers({ cookie: cookies.map((cookie) => cookie.split(";")[0]).join("; ") });
const request = (address = "10.0.0.1") => new Headers({ "x-nianbaotong-client-address": address, "user-agent": "vitest" });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AccountError,
  );

describe("accounts and sessions (better-auth on the store)", () => {
  it("signs in with username and password, stores the session, and reads the actor from the cookie", async () => {
    const unit = await createUnit(store.db, { name: "县财政局" });
    await createAccount(store.db, {
      username: "ZhangSan",
      name: "张三",
      password: "correct horse",
      role: "filler",
      unitId: unit.id,
    });
    const { cookies } = await signIn(store.db, {
      username: " zhangsan ",
      password: "correct horse",
      address: "10.0.0.1",
      headers: request(),
    });
    const sessionCookie = cookies.find((cookie) => cookie.includes("session_token"))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).not.toMatch(/Secure/);
    const actor = await actorFromHeaders(store.db, cookieHeader(cookies));
    expect(actor).toMatchObject({ username: "zhangsan", name: "张三", role: "filler", unitId: unit.id });
    const rows = (await store.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM session`)).rows;
    expect(rows[0]?.n).toBe(1);
    await signOut(store.db, cookieHeader(cookies));
    expect(await actorFromHeaders(store.db, cookieHeader(cookies))).toBeNull();
  });

  it("stores a memory-hard hash, never the password", async () => {
    const unit = await createUnit(store.db, { name: "县教育局" });
    await createAccount(store.db, { username: "lisi", name: "李四", password: "s3cret-pass", role: "reviewer", unitId: unit.id });
    const rows = (await store.db.execute<{ password: string }>(sql`SELECT password FROM account`)).rows;
    for (const row of rows) {
      expect(row.password).not.toContain("s3cret-pass");
      // better-auth's scrypt: salt:key in hex.
      expect(row.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
    }
  });

  it("refuses a wrong password, and after five failures says when to try again", async () => {
    const unit = await createUnit(store.db, { name: "县民政局" });
    await createAccount(store.db, {
      username: "wangwu",
      name: "王五",
      password: "right-password",
      role: "filler",
      unitId: unit.id,
    });
    for (let attempt = 1; attempt < MAX_FAILURES_PER_USERNAME; attempt += 1) {
      const error = await failure(
        signIn(store.db, { username: "wangwu", password: "wrong", address: `10.0.1.${attempt}`, headers: request() }),
      );
      expect(error?.status).toBe(401);
      expect(error?.message).toBe("用户名或密码不对");
    }
    const locked = await failure(
      signIn(store.db, { username: "wangwu", password: "wrong", address: "10.0.1.9", headers: request() }),
    );
    expect(locked?.status).toBe(429);
    expect(locked?.message).toMatch(/^登录失败次数过多，已暂时锁定。请在 \d\d:\d\d 后（约 1[45] 分钟后）再试/);
    // Even the right password waits out the lock.
    const stillLocked = await failure(
      signIn(store.db, { username: "wangwu", password: "right-password", address: "10.0.1.10", headers: request() }),
    );
    expect(stillLocked?.status).toBe(429);
  });

  it("limits one address trying many usernames", async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await failure(
        signIn(store.db, { username: `nobody${attempt}`, password: "x", address: "10.9.9.9", headers: request("10.9.9.9") }),
      );
    }
    const error = await failure(
      signIn(store.db, { username: "nobody99", password: "x", address: "10.9.9.9", headers: request("10.9.9.9") }),
    );
    expect(error?.status).toBe(429);
    // Each unknown username costs a password hash, like a real one: 21 of them take seconds on a loaded machine.
  }, 60_000);

  it("lets the administrator reset a password and disable an account, ending its sessions", async () => {
    const unit = await createUnit(store.db, { name: "县交通局" });
    const person = await createAccount(store.db, {
      username: "zhaoliu",
      name: "赵六",
      password: "first-password",
      role: "filler",
      unitId: unit.id,
    });
    const { cookies } = await signIn(store.db, {
      username: "zhaoliu",
      password: "first-password",
      address: "10.0.2.1",
      headers: request(),
    });
    await resetPassword(store.db, person.id, "second-password");
    expect(await actorFromHeaders(store.db, cookieHeader(cookies))).toBeNull();
    expect(
      (
        await failure(
          signIn(store.db, { username: "zhaoliu", password: "first-password", address: "10.0.2.2", headers: request() }),
        )
      )?.status,
    ).toBe(401);
    const again = await signIn(store.db, {
      username: "zhaoliu",
      password: "second-password",
      address: "10.0.2.3",
      headers: request(),
    });
    await setAccountDisabled(store.db, person.id, true, someoneElse);
    expect(await actorFromHeaders(store.db, cookieHeader(again.cookies))).toBeNull();
    const disabled = await failure(
      signIn(store.db, { username: "zhaoliu", password: "second-password", address: "10.0.2.4", headers: request() }),
    );
    // The same answer as a wrong password: a disabled account confirms no guess.
    expect(disabled?.status).toBe(401);
    expect(disabled?.message).toBe("用户名或密码不对");
    const wrong = await failure(
      signIn(store.db, { username: "zhaoliu", password: "wrong-password", address: "10.0.2.5", headers: request() }),
    );
    expect([wrong?.status, wrong?.message]).toEqual([disabled?.status, disabled?.message]);
  });

  it("changes one's own password only with the current one", async () => {
    const unit = await createUnit(store.db, { name: "县水利局" });
    await createAccount(store.db, { username: "sunqi", name: "孙七", password: "old-password", role: "filler", unitId: unit.id });
    const { cookies } = await signIn(store.db, {
      username: "sunqi",
      password: "old-password",
      address: "10.0.3.1",
      headers: request(),
    });
    const wrong = await failure(
      changeOwnPassword(store.db, cookieHeader(cookies), { currentPassword: "nope", newPassword: "new-password" }),
    );
    expect(wrong?.message).toBe("当前密码不对");
    await changeOwnPassword(store.db, cookieHeader(cookies), { currentPassword: "old-password", newPassword: "new-password" });
    await signIn(store.db, { username: "sunqi", password: "new-password", address: "10.0.3.2", headers: request() });
  });
});
