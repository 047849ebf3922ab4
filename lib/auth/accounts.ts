import { randomUUID } from "node:crypto";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { findIllegalCharacter } from "@/lib/report/text-characters";
import { recordAdminAction } from "@/lib/store/admin-log";
import type { StoreDatabase } from "@/lib/store/database";
import { account, type UserRole, units, user } from "@/lib/store/schema";
import type { Actor } from "./access";
import type { AccountField } from "./auth-forms";
import { authFor, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth-server";
import { roleLabels } from "./roles";
import { forgetSessions } from "./session-cache";

export type UserSummary = {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  unitId: string | null;
  disabled: boolean;
  /** Still on the password the administrator set: must change it at the next sign-in. */
  mustChangePassword: boolean;
  createdAt: Date;
};

/** An account request that cannot be done as asked: the message says why, in Chinese; `field`, the form field it is about. */
export class AccountError extends Error {
  readonly isAccountError = true;
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 = 400,
    readonly field?: AccountField,
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
    throw new AccountError(`用户名“${raw.trim()}”不可用：请用 2—32 个英文字母、数字或 . _ -，以字母或数字开头`, 400, "username");
  }
  return username;
}

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new AccountError(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, 400, "password");
  if ([...password].length > MAX_PASSWORD_LENGTH)
    throw new AccountError(`密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`, 400, "password");
}

const userColumns = {
  id: user.id,
  username: user.username,
  name: user.name,
  role: user.role,
  unitId: user.unitId,
  disabled: user.disabled,
  mustChangePassword: user.mustChangePassword,
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
  if (unstorable) throw new AccountError(`姓名中有无法保存的字符（${unstorable.codePoint}），请删去后再试`, 400, "name");
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
  input: {
    username: string;
    name: string;
    passwordHash: string;
    role: UserRole;
    unitId: string;
    /** True when the administrator chose the password: the person replaces it at first sign-in. */
    mustChangePassword: boolean;
  },
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
    mustChangePassword: input.mustChangePassword,
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

/**
 * A unit an account may be put in: it exists and is not archived. Read FOR SHARE: removing a unit
 * locks it FOR UPDATE, so a move into it waits for the removal (and then sees it archived) or the
 * removal waits for the move (and then sees the account): never an active account in an archived unit.
 */
async function usableUnitName(db: Pick<StoreDatabase, "select">, unitId: string): Promise<string> {
  const [unit] = await db
    .select({ name: units.name, archivedAt: units.archivedAt })
    .from(units)
    .where(eq(units.id, unitId))
    .for("share");
  if (!unit) throw new AccountError("所属单位不存在", 400, "unitId");
  if (unit.archivedAt) throw new AccountError(`单位“${unit.name}”已归档，请选择其他单位`, 409, "unitId");
  return unit.name;
}

const describePerson = (person: Pick<UserSummary, "username" | "name">) =>
  person.name && person.name !== person.username ? `${person.username}（${person.name}）` : person.username;

/**
 * A new account, made by the administrator (`by`, recorded): the password they chose is a first
 * password, to be changed by the person at first sign-in.
 */
export async function createAccount(
  db: StoreDatabase,
  input: { username: string; name: string; password: string; role: UserRole; unitId: string },
  by?: Actor,
): Promise<UserSummary> {
  const username = normaliseUsername(input.username);
  const name = cleanPersonName(input.name, username);
  checkPassword(input.password);
  const unitName = await usableUnitName(db, input.unitId);
  if (await findUserByUsername(db, username)) throw new AccountError(`用户名“${username}”已被使用`, 409, "username");
  const passwordHash = await hashPassword(db, input.password);
  const id = await db.transaction(async (tx) => {
    const id = await insertAccount(tx, {
      username,
      name,
      passwordHash,
      role: input.role,
      unitId: input.unitId,
      mustChangePassword: true,
    });
    if (by)
      await recordAdminAction(tx, by, {
        action: "user.create",
        targetId: id,
        detail: `建立账号 ${describePerson({ username, name })}：${unitName}，${roleLabels[input.role]}`,
      });
    return id;
  });
  return (await findUser(db, id))!;
}

/**
 * The administrator sets a new password; the person's open sessions end, and they must change it
 * at their next sign-in (the administrator knows it).
 */
export async function resetPassword(db: StoreDatabase, userId: string, password: string, by?: Actor): Promise<void> {
  checkPassword(password);
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  const context = await (await authFor(db)).$context;
  const [credential] = await db.select({ id: account.id }).from(account).where(eq(account.userId, userId));
  const hash = await context.password.hash(password);
  if (credential) await context.internalAdapter.updatePassword(userId, hash);
  else await context.internalAdapter.linkAccount({ userId, providerId: "credential", accountId: userId, password: hash });
  await context.internalAdapter.deleteUserSessions(userId);
  forgetSessions(db);
  await db.transaction(async (tx) => {
    await tx.update(user).set({ mustChangePassword: true, updatedAt: new Date() }).where(eq(user.id, userId));
    if (by)
      await recordAdminAction(tx, by, {
        action: "user.password",
        targetId: userId,
        detail: `重设 ${describePerson(target)} 的密码（须在下次登录时修改）`,
      });
  });
  forgetSessions(db);
}

/** After the person chose their own password. */
export async function markPasswordChanged(db: StoreDatabase, userId: string): Promise<void> {
  await db.update(user).set({ mustChangePassword: false, updatedAt: new Date() }).where(eq(user.id, userId));
  forgetSessions(db);
}

type Transaction = Parameters<Parameters<StoreDatabase["transaction"]>[0]>[0];

/**
 * Refuses a change that would leave the office with no administrator able to sign in. The other
 * administrators' rows are locked first, so two administrators demoting each other at once cannot
 * both pass.
 */
async function assertAnotherAdminRemains(tx: Transaction, userId: string): Promise<void> {
  const others = await tx
    .select({ id: user.id, disabled: user.disabled })
    .from(user)
    .where(and(eq(user.role, "admin"), ne(user.id, userId)))
    .for("update");
  if (!others.some((other) => !other.disabled))
    throw new AccountError("这样就没有可用的管理员了：请先让另一个人成为管理员（或启用其账号）", 409);
}

/** Disabling ends the person's sessions at once; they cannot sign in until enabled again. */
export async function setAccountDisabled(db: StoreDatabase, userId: string, disabled: boolean, by: Actor): Promise<void> {
  if (userId === by.userId && disabled) throw new AccountError("不能停用自己正在使用的账号", 409);
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  if (target.disabled === disabled) return;
  await db.transaction(async (tx) => {
    if (disabled && target.role === "admin") await assertAnotherAdminRemains(tx, userId);
    if (!disabled && target.unitId) {
      const [unit] = await tx
        .select({ name: units.name, archivedAt: units.archivedAt })
        .from(units)
        .where(eq(units.id, target.unitId));
      if (unit?.archivedAt)
        throw new AccountError(`${target.username} 所在的单位“${unit.name}”已归档：请先把他调到其他单位再启用`, 409);
    }
    await tx.update(user).set({ disabled, updatedAt: new Date() }).where(eq(user.id, userId));
    await recordAdminAction(tx, by, {
      action: disabled ? "user.disable" : "user.enable",
      targetId: userId,
      detail: `${disabled ? "停用" : "启用"}账号 ${describePerson(target)}`,
    });
  });
  // Refused from the next request on, even before the sessions are gone.
  forgetSessions(db);
  if (disabled) await (await (await authFor(db)).$context).internalAdapter.deleteUserSessions(userId);
  forgetSessions(db);
}

/**
 * The administrator changes a person's unit, role or name; recorded. Never one's own role, never a
 * unit that is archived, never the last administrator able to sign in.
 */
export async function updateAccount(
  db: StoreDatabase,
  userId: string,
  changes: { role?: UserRole; unitId?: string; name?: string },
  by: Actor,
): Promise<UserSummary> {
  const target = await findUser(db, userId);
  if (!target) throw new AccountError("找不到这个账号", 404);
  const role = changes.role ?? target.role;
  const unitId = changes.unitId ?? target.unitId;
  const name = changes.name === undefined ? target.name : cleanPersonName(changes.name, target.username);
  if (role !== target.role && userId === by.userId) throw new AccountError("不能修改自己的角色：请由另一位管理员修改", 409);
  await db.transaction(async (tx) => {
    const said: string[] = [];
    if (unitId !== target.unitId && unitId) {
      const unitName = await usableUnitName(tx, unitId);
      const [from] = target.unitId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, target.unitId)) : [];
      said.push(`单位由“${from?.name ?? "未分配"}”改为“${unitName}”`);
    }
    if (role !== target.role) {
      if (target.role === "admin" && !target.disabled) await assertAnotherAdminRemains(tx, userId);
      said.push(`角色由${roleLabels[target.role]}改为${roleLabels[role]}`);
    }
    if (name !== target.name) said.push(`姓名由“${target.name}”改为“${name}”`);
    if (said.length === 0) return;
    await tx.update(user).set({ role, unitId, name, updatedAt: new Date() }).where(eq(user.id, userId));
    await recordAdminAction(tx, by, {
      action: "user.change",
      targetId: userId,
      detail: `修改账号 ${describePerson(target)}：${said.join("；")}`,
    });
  });
  forgetSessions(db);
  return (await findUser(db, userId))!;
}

export const describeRole = (role: UserRole): string => roleLabels[role];
