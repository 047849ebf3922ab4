/**
 * Three-way merge of two reports edited from one common base (two pages, or a page and a save of
 * its own it did not see answered): a field or cell changed on one side only takes that change;
 * one changed alike on both sides is no conflict; one changed differently on both is a conflict
 * for staff to decide, never settled silently.
 */
import { jsonEqual } from "./json-equal";
import type { TReport } from "./report-schema";

export { jsonEqual };

/** One field or cell both sides changed, to different values. `path`: its keys in the report JSON (a cell id has dots). */
export type MergeConflict = { path: readonly string[]; base: unknown; mine: unknown; theirs: unknown };

export type MergeResult = {
  /** Every one-sided change applied; at a conflict, `theirs` (the stored value) until staff choose. */
  merged: TReport;
  conflicts: MergeConflict[];
};

type Json = unknown;

const isPlainObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A blank cell is stored as null or left out: both are the same blank. */
const blankAsNull = (value: Json): Json => (value === undefined ? null : value);

function mergeValue(path: readonly string[], base: Json, mine: Json, theirs: Json, conflicts: MergeConflict[]): Json {
  if (jsonEqual(mine, theirs)) return mine;
  if (jsonEqual(base, mine)) return theirs;
  if (jsonEqual(base, theirs)) return mine;
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    const baseRecord = isPlainObject(base) ? base : {};
    const keys = new Set([...Object.keys(mine), ...Object.keys(theirs)]);
    const result: Record<string, Json> = {};
    for (const key of keys) {
      const value = mergeValue([...path, key], baseRecord[key], mine[key], theirs[key], conflicts);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
  // A list (the 概述 topics) of the same length on all sides merges item by item; a list that grew
  // or shrank on a side is one value.
  if (Array.isArray(mine) && Array.isArray(theirs) && Array.isArray(base)) {
    if (mine.length === theirs.length && base.length === mine.length) {
      return mine.map((item, index) => mergeValue([...path, String(index)], base[index], item, theirs[index], conflicts));
    }
  }
  if (jsonEqual(blankAsNull(mine), blankAsNull(theirs))) return theirs;
  conflicts.push({ path, base, mine, theirs });
  return theirs;
}

/** Merges `mine` and `theirs`, both edited from `base`. */
export function mergeReports(base: TReport, mine: TReport, theirs: TReport): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue([], base, mine, theirs, conflicts) as TReport;
  return { merged, conflicts };
}

/** `report` with the value at `path` set (a conflict settled by staff's choice). */
export function withValueAt(report: TReport, path: readonly string[], value: unknown): TReport {
  const copy = structuredClone(report) as unknown as Record<string, Json>;
  const keys = path;
  let node: Record<string, Json> | Json[] = copy;
  for (const key of keys.slice(0, -1)) {
    const next: Json = Array.isArray(node) ? node[Number(key)] : node[key];
    if (typeof next !== "object" || next === null) return report;
    node = next as Record<string, Json> | Json[];
  }
  const last = keys.at(-1)!;
  if (Array.isArray(node)) node[Number(last)] = value;
  else if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as unknown as TReport;
}
