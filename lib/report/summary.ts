import { type CellId, ledgerCells, type TLedger } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";

export type LedgerSum = {
  /** Every cell of 表二, 表三 and 表四 summed over the reports; null where no report has a figure. */
  sums: Record<CellId, number | null>;
  /** Reports summed. */
  count: number;
};

/**
 * 汇总: the tables of several reports added cell by cell, totals included (each report's
 * figures as shown: a stated total as printed, else derived). “/” and blank add nothing.
 */
export function sumLedgers(ledgers: readonly TLedger[]): LedgerSum {
  const sums: Record<CellId, number | null> = Object.fromEntries(ledgerCells.map((cell) => [cell.id, null]));
  for (const ledger of ledgers) {
    const { effective } = deriveLedger(ledger);
    for (const cell of ledgerCells) {
      const value = effective[cell.id];
      if (typeof value === "number") sums[cell.id] = (sums[cell.id] ?? 0) + value;
    }
  }
  // Amounts in 万元 keep their decimals without floating-point tails.
  for (const cell of ledgerCells) {
    const value = sums[cell.id];
    if (typeof value === "number" && cell.kind === "amount") sums[cell.id] = Math.round(value * 1e6) / 1e6;
  }
  return { sums, count: ledgers.length };
}
