import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { StoreDatabase } from "@/lib/store/database";
import { account as accountTable } from "@/lib/store/schema";
import type { Actor } from "./access";
import { AccountError, checkPassword, findUserByUsername, markPasswordChanged, normaliseUsername } from "./accounts";
import { authFor } from "./auth-server";
import { clearLoginFailures, reserveLoginAttempt, retryMessage } from "./login-limiter";
import { isUserRole } from "./roles";
import { forgetSessions, recentSession, rememberSession, type SignedIn, sessionGeneration } from "./session-cache";

export type { SignedIn } from "./session-cache";

/** Headers with the session cookie better-auth set, to copy onto our own response. */
export type SessionCookies = string[];

const setCookies = (response: Response): SessionCookies => response.headers.getSetCookie();

/**
 * The person a request's session cookie belongs to; null when there is none, it has expired,
 * or the account has been disabled since. A cookie found a moment ago is not looked up again
 * (session-cache.ts), unless an account or session changed since.
 */
export async function sessionFromHeaders(db: StoreDatabase, headers: Headers): Promise<SignedIn | null> {
  const cookie = headers.get("cookie");
  const recent = cookie ? recentSession(db, cookie) : null;
  if (recent) return recent;
  const generation = sessionGeneration(db);
  const auth = await authFor(db);
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const fields = found.user as typeof found.user & {
    role?: unknown;
    unitId?: unknown;
    disabled?: unknown;
    username?: unknown;
    mustChangePassword?: unknown;
  };
  if (fields.disabled === true || !isUserRole(fields.role)) return null;
  const signedIn: SignedIn = {
    actor: {
      userId: found.user.id,
      username: typeof fields.username === "string" ? fields.username : "",
      name: found.user.name,
      role: fields.role,
      unitId: typeof fields.unitId === "string" ? fields.unitId : null,
    },
    // Anything but an explicit false keeps the person at the password page.
    mustChangePassword: fields.mustChangePassword !== false,
  };
  if (cookie) rememberSession(db, cookie, signedIn, generation, found.session.expiresAt);
  return signedIn;
}

export async function actorFromHeaders(db: StoreDatabase, headers: Headers): Promise<Actor | null> {
  return (await sessionFromHeaders(db, headers))?.actor ?? null;
}

/** A hash of nothing anyone can type, checked when there is no account: every failed login costs the same. */
let dummyHash: Promise<string> | undefined;

const WRONG = "用户名或密码不对";

/**
 * Signs in with username and password. Each attempt is counted against the username and the
 * address before any password is checked, atomically, so simultaneous guesses cannot pass the limit;
 * past it the answer says when to try again. An unknown username, a wrong password and a disabled
 * account get the same answer after the same work (one password hash checked).
 */
export async function signIn(
  db: StoreDatabase,
  input: { username: string; password: string; address: string; headers: Headers },
): Promise<{ cookies: SessionCookies; userId: string }> {
  let username: string;
  try {
    username = normaliseUsername(input.username);
  } catch {
    username = "";
  }
  const keys = { username: username || "（无效用户名）", address: input.address || "unknown" };
  const { blockedUntil, limitReached } = await reserveLoginAttempt(db, keys);
  if (blockedUntil) throw new AccountError(retryMessage(blockedUntil), 429);
  const refuse = () => new AccountError(limitReached ? retryMessage(limitReached) : WRONG, limitReached ? 429 : 401);

  const auth = await authFor(db);
  const context = await auth.$context;
  const account = username ? await findUserByUsername(db, username) : null;
  if (!account || account.disabled) {
    // The same scrypt work as a real check: the answer's timing tells nothing about the account.
    const [credential] = account
      ? await db.select({ password: accountTable.password }).from(accountTable).where(eq(accountTable.userId, account.id))
      : [];
    dummyHash ??= context.password.hash(randomBytes(24).toString("base64"));
    await context.password.verify({ hash: credential?.password ?? (await dummyHash), password: input.password });
    throw refuse();
  }
  const response = await auth.api.signInUsername({
    body: { username, password: input.password },
    headers: input.headers,
    asResponse: true,
  });
  if (!response.ok) throw refuse();
  await clearLoginFailures(db, keys);
  return { cookies: setCookies(response), userId: account.id };
}

export async function signOut(db: StoreDatabase, headers: Headers): Promise<SessionCookies> {
  const auth = await authFor(db);
  const response = await auth.api.signOut({ headers, asResponse: true });
  forgetSessions(db);
  return setCookies(response);
}

/**
 * Changes one's own password (the current one is asked for, the new one must differ); other
 * sessions of the person end, and a first password set by the administrator is replaced.
 */
export async function changeOwnPassword(
  db: StoreDatabase,
  headers: Headers,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionCookies> {
  checkPassword(input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AccountError("新密码不能与当前密码相同", 400);
  const signedIn = await sessionFromHeaders(db, headers);
  if (!signedIn) throw new AccountError("请先登录", 401);
  const auth = await authFor(db);
  const response = await auth.api.changePassword({
    body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
    headers,
    asResponse: true,
  });
  if (!response.ok)
    throw new AccountError(response.status === 401 ? "请先登录" : "当前密码不对", response.status === 401 ? 401 : 400);
  // Other sessions ended: markPasswordChanged forgets every reused lookup.
  await markPasswordChanged(db, signedIn.actor.userId);
  return setCookies(response);
}
