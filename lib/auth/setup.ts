import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { ReportStore } from "@/lib/store/report-store";
import { appSettings, reports } from "@/lib/store/schema";
import { cleanUnitName, createUnit } from "@/lib/store/unit-store";
import {
  AccountError,
  checkPassword,
  cleanPersonName,
  countUsers,
  findUser,
  hashPassword,
  insertAccount,
  normaliseUsername,
  type UserSummary,
} from "./accounts";

const SETUP_CODE_KEY = "setup_code_hash";
const hashCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");

/** Eight characters without look-alikes (no 0/O, 1/I), in two groups: easy to read off a console. */
function newSetupCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const characters = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]!);
  return `${characters.slice(0, 4).join("")}-${characters.slice(4).join("")}`;
}

/**
 * On a server with no account yet: makes a one-time setup code, keeps only its hash, and
 * returns it for the console. SETUP_CODE in the environment fixes it (scripted installs).
 */
export async function prepareFirstRun(store: ReportStore): Promise<string | null> {
  if ((await countUsers(store.db)) > 0) return null;
  const code = process.env.SETUP_CODE?.trim() || newSetupCode();
  await store.db
    .insert(appSettings)
    .values({ key: SETUP_CODE_KEY, value: hashCode(code) })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: hashCode(code) } });
  return code;
}

export async function needsFirstRun(store: ReportStore): Promise<boolean> {
  return (await countUsers(store.db)) === 0;
}

export type FirstRunInput = { code: string; unitName: string; username: string; name: string; password: string };

/**
 * Creates the first unit and its administrator, only with the code the server printed. All or
 * nothing: every field is checked before the code is touched, then the code is used up, the unit
 * and the administrator made and the reports made before accounts existed given to that unit in
 * one transaction; a request that fails leaves the code as it was.
 */
export async function completeFirstRun(store: ReportStore, input: FirstRunInput): Promise<UserSummary> {
  if (!(await needsFirstRun(store))) throw new AccountError("本服务器已设置过管理员，请直接登录", 409);
  const username = normaliseUsername(input.username);
  checkPassword(input.password);
  const name = cleanPersonName(input.name, username);
  const unitName = cleanUnitName(input.unitName);
  const [stored] = await store.db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, SETUP_CODE_KEY));
  const given = Buffer.from(hashCode(input.code));
  if (!stored || !timingSafeEqual(Buffer.from(stored.value), given)) {
    throw new AccountError("设置代码不对：请使用服务器启动时在控制台显示的“首次设置代码”", 403);
  }
  const passwordHash = await hashPassword(store.db, input.password);
  const adminId = await store.db.transaction(async (tx) => {
    // Used up here: of two requests with the right code, one deletes the row and goes on.
    const taken = await tx
      .delete(appSettings)
      .where(and(eq(appSettings.key, SETUP_CODE_KEY), eq(appSettings.value, stored.value)))
      .returning({ key: appSettings.key });
    if (taken.length === 0) throw new AccountError("设置代码已被使用，请直接登录", 409);
    const unit = await createUnit(tx, { name: unitName });
    // The administrator chose this password themselves: nothing to change at first sign-in.
    const id = await insertAccount(tx, {
      username,
      name,
      passwordHash,
      role: "admin",
      unitId: unit.id,
      mustChangePassword: false,
    });
    await tx.update(reports).set({ unitId: unit.id }).where(isNull(reports.unitId));
    return id;
  });
  return (await findUser(store.db, adminId))!;
}
