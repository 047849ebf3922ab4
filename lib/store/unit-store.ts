import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { findUnstorableCharacter } from "@/lib/report/report-schema";
import type { StoreDatabase } from "./database";
import { units } from "./schema";

export type Unit = { id: string; name: string; parentId: string | null; deadline: string; sortOrder: number };

const unitColumns = {
  id: units.id,
  name: units.name,
  parentId: units.parentId,
  deadline: units.deadline,
  sortOrder: units.sortOrder,
};

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
  const unstorable = findUnstorableCharacter(trimmed);
  if (unstorable) throw new UnitError(`单位名称中有无法保存的字符（${unstorable.codePoint}），请删去后再试`);
  if ([...trimmed].length > MAX_UNIT_NAME)
    throw new UnitError(`单位名称不能超过 ${MAX_UNIT_NAME} 个字：“${trimmed.slice(0, 20)}…”`);
  return trimmed;
}

export async function listUnits(db: StoreDatabase): Promise<Unit[]> {
  return db.select(unitColumns).from(units).orderBy(asc(units.sortOrder), asc(units.name));
}

export async function countUnits(db: StoreDatabase): Promise<number> {
  return (await db.select({ id: units.id }).from(units)).length;
}

export async function createUnit(
  db: Pick<StoreDatabase, "select" | "insert">,
  input: { name: string; parentId?: string | null; deadline?: string },
): Promise<Unit> {
  const name = cleanUnitName(input.name);
  const deadline = input.deadline ?? "01-31";
  if (!DEADLINE.test(deadline)) throw new UnitError(`截止日期应写成“月-日”，如 01-31，收到“${deadline}”`);
  if (input.parentId) {
    const [parent] = await db.select({ id: units.id }).from(units).where(eq(units.id, input.parentId));
    if (!parent) throw new UnitError("上级单位不存在", 404);
  }
  const [existing] = await db.select({ id: units.id }).from(units).where(eq(units.name, name));
  if (existing) throw new UnitError(`已有名为“${name}”的单位`, 409);
  const count = (await db.select({ id: units.id }).from(units)).length;
  const [created] = await db
    .insert(units)
    .values({ id: randomUUID(), name, parentId: input.parentId ?? null, deadline, sortOrder: count })
    .returning(unitColumns);
  return created!;
}

export async function updateUnitDeadline(db: StoreDatabase, unitId: string, deadline: string): Promise<Unit> {
  if (!DEADLINE.test(deadline)) throw new UnitError(`截止日期应写成“月-日”，如 01-31，收到“${deadline}”`);
  const [updated] = await db.update(units).set({ deadline }).where(eq(units.id, unitId)).returning(unitColumns);
  if (!updated) throw new UnitError("找不到这个单位", 404);
  return updated;
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
  options: { parentId?: string | null } = {},
): Promise<UnitListResult> {
  const lines = parseUnitList(text);
  if (lines.length === 0) throw new UnitError("没有读到单位名称：每行写一个单位，用缩进或第二列表示上级单位");
  return db.transaction(async (tx) => {
    const created: Unit[] = [];
    const matched: Unit[] = [];
    const all = await tx.select(unitColumns).from(units);
    const byName = new Map(all.map((unit) => [unit.name, unit]));
    const byId = new Map(all.map((unit) => [unit.id, unit]));
    const under = options.parentId ? byId.get(options.parentId) : null;
    if (options.parentId && !under) throw new UnitError("名单要添加到的上级单位不存在", 404);
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
    return { created, matched };
  });
}
