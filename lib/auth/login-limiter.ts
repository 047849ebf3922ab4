import { eq, inArray, sql } from "drizzle-orm";
import type { StoreDatabase } from "@/lib/store/database";
import { loginFailures } from "@/lib/store/schema";

/** Failed logins allowed in a window, per username (guessing one account) and per address (trying many). */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginKeys = { username: string; address: string };

const keysOf = ({ username, address }: LoginKeys) => ({ user: `user:${username}`, address: `address:${address}` });

/**
 * Counts an attempt against the username and the address before its password is checked, in one
 * atomic statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): of any number of simultaneous
 * guesses, only as many as the limit get a count within it, so no burst checks more passwords than
 * the limit allows. A window that has run out starts again. Returns when the next attempt is allowed
 * if this one is over the limit (it must then not be checked), else null, with whether the limit is
 * now reached (a failure of this attempt locks).
 */
export async function reserveLoginAttempt(
  db: StoreDatabase,
  keys: LoginKeys,
  now = new Date(),
): Promise<{ blockedUntil: Date | null; limitReached: Date | null }> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const { user, address } = keysOf(keys);
  // Address first, in every statement: simultaneous statements lock the rows in one order (no deadlock).
  const rows = await db
    .insert(loginFailures)
    .values([
      { key: address, count: 1, windowStartedAt: now },
      { key: user, count: 1, windowStartedAt: now },
    ])
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        count: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN 1 ELSE ${loginFailures.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN ${now.toISOString()}::timestamptz ELSE ${loginFailures.windowStartedAt} END`,
      },
    })
    .returning({ key: loginFailures.key, count: loginFailures.count, windowStartedAt: loginFailures.windowStartedAt });
  let blockedUntil: Date | null = null;
  let limitReached: Date | null = null;
  for (const row of rows) {
    const limit = row.key === user ? MAX_FAILURES_PER_USERNAME : MAX_FAILURES_PER_ADDRESS;
    const ends = new Date(row.windowStartedAt.getTime() + LOGIN_WINDOW_MS);
    if (row.count > limit && (!blockedUntil || ends > blockedUntil)) blockedUntil = ends;
    if (row.count >= limit && (!limitReached || ends > limitReached)) limitReached = ends;
  }
  return { blockedUntil, limitReached };
}

/**
 * A successful login: the username's count is cleared, and the address gets back the attempt
 * reserved for it (the address counts failures only).
 */
export async function clearLoginFailures(db: StoreDatabase, keys: LoginKeys): Promise<void> {
  const { user, address } = keysOf(keys);
  await db.delete(loginFailures).where(inArray(loginFailures.key, [user]));
  await db
    .update(loginFailures)
    .set({ count: sql`GREATEST(${loginFailures.count} - 1, 0)` })
    .where(eq(loginFailures.key, address));
}

/** “请在 14:35 后（约 12 分钟后）再试” */
export function retryMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `登录失败次数过多，已暂时锁定。请在 ${pad(until.getHours())}:${pad(until.getMinutes())} 后（约 ${minutes} 分钟后）再试，或请管理员重设密码。`;
}
