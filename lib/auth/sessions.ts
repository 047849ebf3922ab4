import type { StoreDatabase } from "@/lib/store/database";
import type { Actor } from "./access";
import { AccountError, checkPassword, findUserByUsername, normaliseUsername } from "./accounts";
import { authFor } from "./auth-server";
import { clearLoginFailures, loginBlockedUntil, recordLoginFailure, retryMessage } from "./login-limiter";
import { isUserRole } from "./roles";

/** Headers with the session cookie better-auth set, to copy onto our own response. */
export type SessionCookies = string[];

const setCookies = (response: Response): SessionCookies => response.headers.getSetCookie();

/**
 * The person a request's session cookie belongs to; null when there is none, it has expired,
 * or the account has been disabled since.
 */
export async function actorFromHeaders(db: StoreDatabase, headers: Headers): Promise<Actor | null> {
  const auth = await authFor(db);
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const fields = found.user as typeof found.user & { role?: unknown; unitId?: unknown; disabled?: unknown; username?: unknown };
  if (fields.disabled === true || !isUserRole(fields.role)) return null;
  return {
    userId: found.user.id,
    username: typeof fields.username === "string" ? fields.username : "",
    name: found.user.name,
    role: fields.role,
    unitId: typeof fields.unitId === "string" ? fields.unitId : null,
  };
}

/**
 * Signs in with username and password. Failures are counted per username and per address;
 * past the limit the answer says when to try again. A disabled account gets no session.
 */
export async function signIn(
  db: StoreDatabase,
  input: { username: string; password: string; address: string; headers: Headers },
): Promise<{ cookies: SessionCookies; userId: string }> {
  let username: string;
  try {
    username = normaliseUsername(input.username);
  } catch {
    throw new AccountError("用户名或密码不对", 401);
  }
  const keys = { username, address: input.address || "unknown" };
  const blockedUntil = await loginBlockedUntil(db, keys);
  if (blockedUntil) throw new AccountError(retryMessage(blockedUntil), 429);
  const account = await findUserByUsername(db, username);
  const auth = await authFor(db);
  const response = account
    ? await auth.api.signInUsername({ body: { username, password: input.password }, headers: input.headers, asResponse: true })
    : null;
  if (!account || !response?.ok) {
    await recordLoginFailure(db, keys);
    const nowBlocked = await loginBlockedUntil(db, keys);
    throw new AccountError(nowBlocked ? retryMessage(nowBlocked) : "用户名或密码不对", nowBlocked ? 429 : 401);
  }
  if (account.disabled) {
    // The password was right, but the account is off: end the session just made.
    await (await auth.$context).internalAdapter.deleteUserSessions(account.id);
    throw new AccountError("这个账号已停用，请联系管理员", 403);
  }
  await clearLoginFailures(db, keys);
  return { cookies: setCookies(response), userId: account.id };
}

export async function signOut(db: StoreDatabase, headers: Headers): Promise<SessionCookies> {
  const auth = await authFor(db);
  const response = await auth.api.signOut({ headers, asResponse: true });
  return setCookies(response);
}

/** Changes one's own password (the current one is asked for); other sessions of the person end. */
export async function changeOwnPassword(
  db: StoreDatabase,
  headers: Headers,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionCookies> {
  checkPassword(input.newPassword);
  const auth = await authFor(db);
  const response = await auth.api.changePassword({
    body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
    headers,
    asResponse: true,
  });
  if (!response.ok)
    throw new AccountError(response.status === 401 ? "请先登录" : "当前密码不对", response.status === 401 ? 401 : 400);
  return setCookies(response);
}
