import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { ReportStore } from "@/lib/store/report-store";
import { appSettings } from "@/lib/store/schema";
import { createUnit } from "@/lib/store/unit-store";
import { AccountError, checkPassword, countUsers, createAccount, normaliseUsername, type UserSummary } from "./accounts";

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
 * Creates the first unit and its administrator, only with the code the server printed; the
 * code is used up by the first request that presents it. Reports made before accounts existed
 * go to that unit.
 */
export async function completeFirstRun(store: ReportStore, input: FirstRunInput): Promise<UserSummary> {
  if (!(await needsFirstRun(store))) throw new AccountError("本服务器已设置过管理员，请直接登录", 409);
  const username = normaliseUsername(input.username);
  checkPassword(input.password);
  const [stored] = await store.db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, SETUP_CODE_KEY));
  const given = Buffer.from(hashCode(input.code));
  if (!stored || !timingSafeEqual(Buffer.from(stored.value), given)) {
    throw new AccountError("设置代码不对：请使用服务器启动时在控制台显示的“首次设置代码”", 403);
  }
  // Used up here: of two requests with the right code, one deletes the row and goes on.
  const taken = await store.db
    .delete(appSettings)
    .where(and(eq(appSettings.key, SETUP_CODE_KEY), eq(appSettings.value, stored.value)))
    .returning({ key: appSettings.key });
  if (taken.length === 0) throw new AccountError("设置代码已被使用，请直接登录", 409);
  const unit = await createUnit(store.db, { name: input.unitName });
  const admin = await createAccount(store.db, {
    username,
    name: input.name,
    password: input.password,
    role: "admin",
    unitId: unit.id,
  });
  await store.assignUnitlessReports(unit.id);
  return admin;
}
