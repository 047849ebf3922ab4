import { inArray, sql } from "drizzle-orm";
import type { StoreDatabase } from "@/lib/store/database";
import { loginFailures } from "@/lib/store/schema";

/** Failed logins allowed in a window, per username (guessing one account) and per address (trying many). */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginKeys = { username: string; address: string };

const keysOf = ({ username, address }: LoginKeys) => ({ user: `user:${username}`, address: `address:${address}` });

/** When the next attempt is allowed, or null when it is allowed now. */
export async function loginBlockedUntil(db: StoreDatabase, keys: LoginKeys, now = new Date()): Promise<Date | null> {
  const { user, address } = keysOf(keys);
  const rows = await db
    .select()
    .from(loginFailures)
    .where(inArray(loginFailures.key, [user, address]));
  let until: Date | null = null;
  for (const row of rows) {
    const limit = row.key === user ? MAX_FAILURES_PER_USERNAME : MAX_FAILURES_PER_ADDRESS;
    const ends = new Date(row.windowStartedAt.getTime() + LOGIN_WINDOW_MS);
    if (row.count >= limit && ends > now && (!until || ends > until)) until = ends;
  }
  return until;
}

/** Counts a failed login against the username and the address; a window that has run out starts again. */
export async function recordLoginFailure(db: StoreDatabase, keys: LoginKeys, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const key of Object.values(keysOf(keys))) {
    await db
      .insert(loginFailures)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          count: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN 1 ELSE ${loginFailures.count} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN ${now.toISOString()}::timestamptz ELSE ${loginFailures.windowStartedAt} END`,
        },
      });
  }
}

/** A successful login clears the username's count (the address keeps its own). */
export async function clearLoginFailures(db: StoreDatabase, keys: LoginKeys): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, [keysOf(keys).user]));
}

/** “请在 14:35 后（约 12 分钟后）再试” */
export function retryMessage(until: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `登录失败次数过多，已暂时锁定。请在 ${pad(until.getHours())}:${pad(until.getMinutes())} 后（约 ${minutes} 分钟后）再试，或请管理员重设密码。`;
}
