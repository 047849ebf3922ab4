import { randomUUID } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { type Actor, unitWithDescendants } from "@/lib/auth/access";
import { findIllegalCharacter } from "@/lib/report/text-characters";
import { recordAdminAction } from "./admin-log";
import type { StoreDatabase } from "./database";
import { reports, units, user } from "./schema";

/**
 * A unit of the office. `archivedAt` (ISO time) is set for a removed unit that had reports or
 * accounts: it stays in the tree so its reports stay readable, but is offered in no choice.
 */
export type Unit = {
  id: string;
  name: string;
  parentId: string | null;
  deadline: string;
  sortOrder: number;
  archivedAt: string | null;
};

const unitColumns = {
  id: units.id,
  name: units.name,
  parentId: units.parentId,
  deadline: units.deadline,
  sortOrder: units.sortOrder,
  archivedAt: units.archivedAt,
};

type UnitRow = Omit<Unit, "archivedAt"> & { archivedAt: Date | null };
const toUnit = (row: UnitRow): Unit => ({ ...row, archivedAt: row.archivedAt?.toISOString() ?? null });

/** A unit request the office's tree does not allow (a duplicate name, an unknown parent …): HTTP 400/409. */
export class UnitError extends Error {
  readonly isUnitError = true;
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = "UnitError";
  }
}

export function isUnitError(error: unknown): error is UnitError {
  return error instanceof Error && (error as Partial<UnitError>).isUnitError === true;
}

const DEADLINE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_UNIT_NAME = 100;

/** A unit's name as kept: one line, trimmed, NFC; refused (400) when blank, too long or holding what PostgreSQL cannot store. */
export function cleanUnitName(name: string): string {
  const trimmed = name.normalize("NFC").replace(/\s+/gu, " ").trim();
  if (trimmed === "") throw new UnitError("单位名称不能为空");
  const unstorable = findIllegalCharacter(trimmed);
  if (unstorable) throw new UnitError(`单位名称中有无法保存的字符（${unstorable.codePoint}），请删去后再试`);
  if ([...trimmed].length > MAX_UNIT_NAME)
    throw new UnitError(`单位名称不能超过 ${MAX_UNIT_NAME} 个字：“${trimmed.slice(0, 20)}…”`);
  return trimmed;
}

/** Every unit, archived ones too (access follows the whole tree); choices use `activeUnits`. */
export async function listUnits(db: Pick<StoreDatabase, "select">): Promise<Unit[]> {
  return (await db.select(unitColumns).from(units).orderBy(asc(units.sortOrder), asc(units.name))).map(toUnit);
}

/** The units one may choose: not archived. */
export const activeUnits = <T extends Pick<Unit, "archivedAt">>(list: readonly T[]): T[] =>
  list.filter((unit) => unit.archivedAt === null);

async function findUnit(db: Pick<StoreDatabase, "select">, unitId: string): Promise<Unit> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, unitId));
  if (!row) throw new UnitError("找不到这个单位", 404);
  return toUnit(row);
}

/** A unit new units, accounts or moved units may go under: it exists and is not archived. */
async function usableParent(db: Pick<StoreDatabase, "select">, parentId: string, what = "上级单位"): Promise<Unit> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, parentId));
  if (!row) throw new UnitError(`${what}不存在`, 404);
  if (row.archivedAt) throw new UnitError(`${what}“${row.name}”已归档，请选择其他单位（或先恢复它）`, 409);
  return toUnit(row);
}

/** Refuses a name another unit has (archived ones keep theirs). */
async function assertNameFree(db: Pick<StoreDatabase, "select">, name: string): Promise<void> {
  const [existing] = await db.select({ archivedAt: units.archivedAt }).from(units).where(eq(units.name, name));
  if (existing)
    throw new UnitError(
      existing.archivedAt ? `已有名为“${name}”的单位（已归档，可在单位列表中恢复）` : `已有名为“${name}”的单位`,
      409,
    );
}

export async function createUnit(
  db: Pick<StoreDatabase, "select" | "insert">,
  input: { name: string; parentId?: string | null; deadline?: string },
): Promise<Unit> {
  const name = cleanUnitName(input.name);
  const deadline = input.deadline ?? "01-31";
  if (!DEADLINE.test(deadline)) throw new UnitError(`截止日期应写成“月-日”，如 01-31，收到“${deadline}”`);
  if (input.parentId) await usableParent(db, input.parentId);
  await assertNameFree(db, name);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(units);
  const [created] = await db
    .insert(units)
    .values({ id: randomUUID(), name, parentId: input.parentId ?? null, deadline, sortOrder: Number(n) })
    .returning(unitColumns);
  return toUnit(created!);
}

const nameOf = async (db: Pick<StoreDatabase, "select">, unitId: string | null): Promise<string | null> =>
  unitId ? (await findUnit(db, unitId)).name : null;
const placeText = (parentName: string | null) => (parentName ? `“${parentName}”下` : "顶层");

/** The administrator adds one unit; recorded. */
export async function addUnit(
  db: StoreDatabase,
  input: { name: string; parentId?: string | null; deadline?: string },
  by: Actor,
): Promise<Unit> {
  return db.transaction(async (tx) => {
    const unit = await createUnit(tx, input);
    const parentName = await nameOf(tx, unit.parentId);
    await recordAdminAction(tx, by, {
      action: "unit.create",
      targetId: unit.id,
      detail: `添加单位“${unit.name}”（${placeText(parentName)}）`,
    });
    return unit;
  });
}

export async function updateUnitDeadline(db: StoreDatabase, unitId: string, deadline: string, by?: Actor): Promise<Unit> {
  if (!DEADLINE.test(deadline)) throw new UnitError(`截止日期应写成“月-日”，如 01-31，收到“${deadline}”`);
  return db.transaction(async (tx) => {
    const before = await findUnit(tx, unitId);
    const [updated] = await tx.update(units).set({ deadline }).where(eq(units.id, unitId)).returning(unitColumns);
    if (by && before.deadline !== deadline)
      await recordAdminAction(tx, by, {
        action: "unit.deadline",
        targetId: unitId,
        detail: `把“${before.name}”的报告公布截止日由 ${before.deadline} 改为 ${deadline}`,
      });
    return toUnit(updated!);
  });
}

/** A new name for a unit; its reports keep their 机关全称 (that is the report's own text). */
export async function renameUnit(db: StoreDatabase, unitId: string, rawName: string, by: Actor): Promise<Unit> {
  const name = cleanUnitName(rawName);
  return db.transaction(async (tx) => {
    const before = await findUnit(tx, unitId);
    if (before.name === name) return before;
    await assertNameFree(tx, name);
    const [updated] = await tx.update(units).set({ name }).where(eq(units.id, unitId)).returning(unitColumns);
    await recordAdminAction(tx, by, { action: "unit.rename", targetId: unitId, detail: `把单位“${before.name}”改名为“${name}”` });
    return toUnit(updated!);
  });
}

/** Hangs a unit (with everything below it) under another parent, or at the top; never under itself or below itself. */
export async function moveUnit(db: StoreDatabase, unitId: string, parentId: string | null, by: Actor): Promise<Unit> {
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, unitId);
    if (unit.archivedAt) throw new UnitError(`“${unit.name}”已归档，不能移动（可先恢复）`, 409);
    if (unit.parentId === parentId) return unit;
    let parentName: string | null = null;
    if (parentId !== null) {
      if (parentId === unitId) throw new UnitError(`不能把“${unit.name}”移到它自己下面`, 409);
      const below = unitWithDescendants(await listUnits(tx), unitId);
      const parent = await usableParent(tx, parentId, "新的上级单位");
      if (below.includes(parentId)) throw new UnitError(`不能把“${unit.name}”移到它自己的下级单位“${parent.name}”下面`, 409);
      parentName = parent.name;
    }
    const fromName = await nameOf(tx, unit.parentId);
    const [updated] = await tx.update(units).set({ parentId }).where(eq(units.id, unitId)).returning(unitColumns);
    await recordAdminAction(tx, by, {
      action: "unit.move",
      targetId: unitId,
      detail: `把单位“${unit.name}”从${placeText(fromName)}移到${placeText(parentName)}`,
    });
    return toUnit(updated!);
  });
}

export type UnitRemoval = { outcome: "deleted" | "archived"; unit: Unit; reportCount: number; accountCount: number };

/**
 * Removes a unit. One that has nothing (no report — deleted ones count —, no account, no unit
 * below) is deleted; one with reports or (disabled) accounts is archived, never deleted with
 * them: its reports stay readable to reviewers and administrators. Units still in use below it
 * or people still able to sign in there must be moved first.
 */
export async function removeUnit(db: StoreDatabase, unitId: string, by: Actor): Promise<UnitRemoval> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select(unitColumns).from(units).where(eq(units.id, unitId)).for("update");
    if (!row) throw new UnitError("找不到这个单位", 404);
    const unit = toUnit(row);
    if (unit.archivedAt) throw new UnitError(`“${unit.name}”已经归档`, 409);
    const children = await tx.select(unitColumns).from(units).where(eq(units.parentId, unitId));
    const activeChildren = children.filter((child) => child.archivedAt === null);
    if (activeChildren.length > 0)
      throw new UnitError(
        `“${unit.name}”下还有单位（${activeChildren.map((child) => child.name).join("、")}）：请先把它们移到其他单位下，或先移除它们`,
        409,
      );
    const people = await tx
      .select({ username: user.username, disabled: user.disabled })
      .from(user)
      .where(eq(user.unitId, unitId));
    const active = people.filter((person) => !person.disabled);
    if (active.length > 0)
      throw new UnitError(
        `“${unit.name}”还有 ${active.length} 个可用的账号（${active.map((person) => person.username).join("、")}）：请先把他们调到其他单位，或停用`,
        409,
      );
    const [{ n: reportCount } = { n: 0 }] = await tx.select({ n: count() }).from(reports).where(eq(reports.unitId, unitId));
    const counts = { reportCount: Number(reportCount), accountCount: people.length };
    if (counts.reportCount === 0 && counts.accountCount === 0 && children.length === 0) {
      await tx.delete(units).where(eq(units.id, unitId));
      await recordAdminAction(tx, by, {
        action: "unit.delete",
        targetId: unitId,
        detail: `删除单位“${unit.name}”（没有报告和账号）`,
      });
      return { outcome: "deleted", unit, ...counts };
    }
    const [archived] = await tx.update(units).set({ archivedAt: new Date() }).where(eq(units.id, unitId)).returning(unitColumns);
    const kept = [
      counts.reportCount > 0 ? `${counts.reportCount} 份报告` : "",
      counts.accountCount > 0 ? `${counts.accountCount} 个已停用的账号` : "",
      children.length > 0 ? `${children.length} 个已归档的下级单位` : "",
    ].filter(Boolean);
    await recordAdminAction(tx, by, {
      action: "unit.archive",
      targetId: unitId,
      detail: `移除单位“${unit.name}”：有${kept.join("、")}，已归档（报告仍可查阅）`,
    });
    return { outcome: "archived", unit: toUnit(archived!), ...counts };
  });
}

/** Brings an archived unit back into use; its parent must be in use. */
export async function restoreUnit(db: StoreDatabase, unitId: string, by: Actor): Promise<Unit> {
  return db.transaction(async (tx) => {
    const unit = await findUnit(tx, unitId);
    if (!unit.archivedAt) return unit;
    if (unit.parentId) {
      const parent = await findUnit(tx, unit.parentId);
      if (parent.archivedAt) throw new UnitError(`上级单位“${parent.name}”也已归档，请先恢复它`, 409);
    }
    const [restored] = await tx.update(units).set({ archivedAt: null }).where(eq(units.id, unitId)).returning(unitColumns);
    await recordAdminAction(tx, by, { action: "unit.restore", targetId: unitId, detail: `恢复已归档的单位“${unit.name}”` });
    return toUnit(restored!);
  });
}

/** One line of a pasted unit list: its name and where it hangs in the tree. */
export type UnitLine = { name: string; parentName: string | null; depth: number; lineNumber: number };

/**
 * Reads a list pasted from a spreadsheet or a document: one unit a line, the tree given by
 * indentation (spaces, tabs or full-width spaces) or by a second, tab-separated column naming
 * the parent. Blank lines are skipped.
 */
export function parseUnitList(text: string): UnitLine[] {
  const lines: UnitLine[] = [];
  const stack: { name: string; indent: number }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const columns = raw.split("\t").map((column) => column.trim());
    const lineNumber = index + 1;
    if (columns.filter(Boolean).length >= 2 && /^\s*\S/.test(raw)) {
      const [name, parentName] = columns.filter(Boolean) as [string, string];
      lines.push({ name: cleanUnitName(name), parentName: cleanUnitName(parentName), depth: 1, lineNumber });
      return;
    }
    const indent = /^[\s\u3000]*/u.exec(raw.replace(/\t/g, "    "))![0].length;
    const name = cleanUnitName(raw);
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    lines.push({ name, parentName: parent?.name ?? null, depth: stack.length, lineNumber });
    stack.push({ name, indent });
  });
  return lines;
}

/** What a pasted list did: the units it made, and those it named that were there already. */
export type UnitListResult = { created: Unit[]; matched: Unit[] };

/**
 * Adds the units of a pasted list in one transaction: all or none, naming the first bad line.
 * A line naming a unit that exists is matched by name, not made again, and the lines below it
 * go under it — so a list may repeat the top unit, or start below it. Lines at the list's top
 * level that are new go under `parentId` (the unit the administrator chose; none: top units).
 */
export async function createUnitsFromList(
  db: StoreDatabase,
  text: string,
  options: { parentId?: string | null; by?: Actor } = {},
): Promise<UnitListResult> {
  const lines = parseUnitList(text);
  if (lines.length === 0) throw new UnitError("没有读到单位名称：每行写一个单位，用缩进或第二列表示上级单位");
  return db.transaction(async (tx) => {
    const created: Unit[] = [];
    const matched: Unit[] = [];
    const all = await listUnits(tx);
    const byName = new Map(all.map((unit) => [unit.name, unit]));
    const byId = new Map(all.map((unit) => [unit.id, unit]));
    const under = options.parentId ? byId.get(options.parentId) : null;
    if (options.parentId && !under) throw new UnitError("名单要添加到的上级单位不存在", 404);
    if (under?.archivedAt) throw new UnitError(`名单要添加到的上级单位“${under.name}”已归档，请选择其他单位`, 409);
    for (const line of lines) {
      const parent = line.parentName === null ? under : byName.get(line.parentName);
      if (line.parentName !== null && !parent) {
        throw new UnitError(
          `第 ${line.lineNumber} 行“${line.name}”的上级单位“${line.parentName}”不存在（上级须写在前面，或已建立）`,
        );
      }
      const existing = byName.get(line.name);
      if (existing) {
        // At the list's top level an existing unit is where the list starts, wherever it hangs.
        if (line.parentName !== null && existing.parentId !== parent?.id) {
          const actual = existing.parentId ? byId.get(existing.parentId)?.name : null;
          throw new UnitError(
            `第 ${line.lineNumber} 行：已有的单位“${line.name}”在${actual ? `“${actual}”下` : "顶层"}，名单中写在“${line.parentName}”下；要调整上级请在单位列表中“移动”`,
            409,
          );
        }
        if (existing.archivedAt)
          throw new UnitError(`第 ${line.lineNumber} 行：单位“${line.name}”已归档，请先在单位列表中恢复它`, 409);
        if (!matched.some((unit) => unit.id === existing.id) && !created.some((unit) => unit.id === existing.id))
          matched.push(existing);
        continue;
      }
      try {
        const unit = await createUnit(tx, { name: line.name, parentId: parent?.id ?? null });
        byName.set(unit.name, unit);
        byId.set(unit.id, unit);
        created.push(unit);
      } catch (error) {
        if (error instanceof UnitError) throw new UnitError(`第 ${line.lineNumber} 行：${error.message}`, error.status);
        throw error;
      }
    }
    if (options.by && created.length > 0)
      await recordAdminAction(tx, options.by, {
        action: "unit.list",
        detail: `按名单添加 ${created.length} 个单位：${created.map((unit) => unit.name).join("、")}`,
      });
    return { created, matched };
  });
}
