import { randomUUID } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { findIllegalCharacter } from "@/lib/report/text-characters";
import type { StoreDatabase } from "@/lib/store/database";
import { account, type UserRole, user } from "@/lib/store/schema";
import { authFor, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth-server";
import { roleLabels } from "./roles";

export type UserSummary = {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  unitId: string | null;
  disabled: boolean;
  createdAt: Date;
};

/** An account request that cannot be done as asked: the message says why, in Chinese. */
export class AccountError extends Error {
  readonly isAccountError = true;
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 = 400,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

export function isAccountError(error: unknown): error is AccountError {
  return error instanceof Error && (error as Partial<AccountError>).isAccountError === true;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Usernames are case-insensitive ASCII: what offices give their staff (zhangsan, czj01). */
export function normaliseUsername(raw: string): string {
  const username = raw.normalize("NFKC").trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AccountError(`用户名“${raw.trim()}”不可用：请用 2—32 个英文字母、数字或 . _ -，以字母或数字开头`);
  }
  return username;
}

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AccountError(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if ([...password].length > MAX_PASSWORD_LENGTH) throw new AccountError(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
}

const userColumns = {
  id: user.id,
  username: user.username,
  name: user.name,
  role: user.role,
  unitId: user.unitId,
  disabled: user.disabled,
  createdAt: user.createdAt,
};

type UserRow = {
  [Key in keyof typeof userColumns]: Key extends "username" ? string | null : UserSummary[Key & keyof UserSummary];
};
const toSummary = (row: UserRow): UserSummary => ({ ...row, username: row.username ?? "" });

export async function countUsers(db: StoreDatabase): Promise<number> {
  const [row] = await db.select({ n: count() }).from(user);
  return Number(row?.n ?? 0);
}

export async function listUsers(db: StoreDatabase): Promise<UserSummary[]> {
  return (await db.select(userColumns).from(user).orderBy(asc(user.username))).map(toSummary);
}

export async function findUser(db: StoreDatabase, userId: string): Promise<UserSummary | null> {
  const [row] = await db.select(userColumns).from(user).where(eq(user.id, userId));
  return row ? toSummary(row) : null;
}

export async function findUserByUsername(db: StoreDatabase, username: string): Promise<UserSummary | null> {
  const [row] = await db.select(userColumns).from(user).where(eq(user.username, username));
  return row ? toSummary(row) : null;
}

/** A person's display name: trimmed, the username when blank, nothing PostgreSQL cannot store. */
export function cleanPersonName(raw: string, username: string): string {
  const name = raw.trim() || username;
  const unstorable = findIllegalCharacter(name);
  if (unstorable) throw new AccountError(`姓名中有无法保存的字符（${unstorable.codePoint}），请删去后再试`);
  return name;
}

/** The password as kept: better-auth's hash (scrypt, memory-hard). */
export async function hashPassword(db: StoreDatabase, password: string): Promise<string> {
  return (await (await authFor(db)).$context).password.hash(password);
}

type Inserter = Pick<StoreDatabase, "insert">;

/**
 * Writes an account checked beforehand (username normalised, name cleaned, password hashed) as the
 * user and credential rows better-auth reads, through `executor`: the store or a transaction.
 */
export async function insertAccount(
  executor: Inserter,
  input: { username: string; name: string; passwordHash: string; role: UserRole; unitId: string },
): Promise<string> {
  const id = randomUUID();
  const at = new Date();
  await executor.insert(user).values({
    id,
    name: input.name,
    // No mail on an intranet: a placeholder that can never receive any.
    email: `${input.username}@users.nianbaotong.invalid`,
    emailVerified: false,
    username: input.username,
    displayUsername: input.username,
    role: input.role,
    unitId: input.unitId,
    disabled: false,
    createdAt: at,
    updatedAt: at,
  });
  await executor.insert(account).values({
    id: randomUUID(),
    accountId: id,
    providerId: "credential",
    userId: id,
    password: input.passwordHash,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

/** A new account, made by the administrator. */
export async function createAccount(
  db: StoreDatabase,
  input: { username: string; name: string; password: string; role: UserRole; unitId: string },
): Promise<UserSummary> {
  const username = normaliseUsername(input.username);
  const name = cleanPersonName(input.name, username);
  checkPassword(input.password);
  if (await findUserByUsername(db, username)) throw new AccountError(`用户名“${username}”已被使用`, 409);
  const id = await insertAccount(db, {
    username,
    name,
    passwordHash: await hashPassword(db, input.password),
    role: input.role,
    unitId: input.unitId,
  });
  return (await findUser(db, id))!;
}

/** The administrator sets a new password; the person's open sessions end. */
export async function resetPassword(db: StoreDatabase, userId: string, password: string): Promise<void> {
  checkPassword(password);
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  const context = await (await authFor(db)).$context;
  const [credential] = await db.select({ id: account.id }).from(account).where(eq(account.userId, userId));
  const hash = await context.password.hash(password);
  if (credential) await context.internalAdapter.updatePassword(userId, hash);
  else await context.internalAdapter.linkAccount({ userId, providerId: "credential", accountId: userId, password: hash });
  await context.internalAdapter.deleteUserSessions(userId);
}

/** Disabling ends the person's sessions at once; they cannot sign in until enabled again. */
export async function setAccountDisabled(db: StoreDatabase, userId: string, disabled: boolean, byUserId: string): Promise<void> {
  if (userId === byUserId && disabled) throw new AccountError("不能停用自己正在使用的账号", 409);
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  await db.update(user).set({ disabled, updatedAt: new Date() }).where(eq(user.id, userId));
  if (disabled) await (await (await authFor(db)).$context).internalAdapter.deleteUserSessions(userId);
}

export async function updateAccount(
  db: StoreDatabase,
  userId: string,
  changes: { role?: UserRole; unitId?: string; name?: string },
): Promise<UserSummary> {
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  await db
    .update(user)
    .set({
      ...changes,
      ...(changes.name !== undefined ? { name: changes.name.trim() || target.username } : {}),
      updatedAt: new Date(),
    })
    .where(eq(user.id, userId));
  return (await findUser(db, userId))!;
}

export const describeRole = (role: UserRole): string => roleLabels[role];
