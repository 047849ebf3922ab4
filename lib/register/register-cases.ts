// What the two counts share: a register row as read, the cases waiting to be fixed, duplicate 编号, the result.
import type { CellId, TLedger } from "@/lib/format";

/** One row of a register, its cells already picked by the confirmed column mapping. */
export type RegisterRow = {
  /** The row's number in the register as the user sees it (the sheet's row, the CSV's line). */
  rowNumber: number;
  /** 编号; empty when the register has none. */
  number: string;
  cells: Readonly<Record<string, unknown>>;
};

/** A row counted nowhere until it is fixed, with every reason found. */
export type WaitingCase = { rowNumber: number; number: string; reasons: string[] };

/** Quotes a register's value in a message as the user typed it, shortened when long. */
export function quoted(value: unknown): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? "").trim();
  return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
}

export const isBlank = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** Rows that share a 编号 with another row: each names the others, since which one is right is the user's call. */
export function duplicateNumbers(rows: readonly RegisterRow[]): Map<number, string> {
  const byNumber = new Map<string, number[]>();
  for (const row of rows) {
    const number = row.number.normalize("NFKC").trim();
    if (number === "") continue;
    byNumber.set(number, [...(byNumber.get(number) ?? []), row.rowNumber]);
  }
  const reasons = new Map<number, string>();
  for (const [number, rowNumbers] of byNumber) {
    if (rowNumbers.length < 2) continue;
    for (const rowNumber of rowNumbers) {
      const others = rowNumbers.filter((other) => other !== rowNumber).map((other) => `第 ${other} 行`);
      reasons.set(rowNumber, `编号“${number}”与${others.join("、")}重复`);
    }
  }
  return reasons;
}

/** A table counted from a register. */
export type RegisterCount = {
  /** Every cell the count fills, as counted (0 where no case). */
  ledger: TLedger;
  /** The register rows behind each counted cell, by row number. */
  casesByCell: Readonly<Record<CellId, readonly number[]>>;
  waiting: readonly WaitingCase[];
  /** Rows about other years only. */
  outsideYear: number;
};

export function registerCount(
  cases: ReadonlyMap<CellId, readonly number[]>,
  waiting: readonly WaitingCase[],
  outsideYear: number,
): RegisterCount {
  const ledger: TLedger = {};
  for (const [id, rowNumbers] of cases) ledger[id] = rowNumbers.length;
  return { ledger, casesByCell: Object.fromEntries(cases), waiting, outsideYear };
}
