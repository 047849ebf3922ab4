import { type CellId, getCell, type TableId } from "@/lib/format";
import { ledgerEquations } from "@/lib/ledger/ledger-equations";
import type { ReadValue } from "./row-readings";

/**
 * Blank cells that can only be 0: an identity whose printed total already equals the
 * printed figures on the other side leaves nothing for the blanks beside them. Offices
 * often print a row's 自然人 and 总计 and leave the five 法人 columns empty; a blank is
 * otherwise kept blank (the rules report it), never guessed.
 */
export function forcedZeros(
  values: Map<CellId, ReadValue>,
  tableId: TableId,
  notInFormat: ReadonlySet<CellId> = new Set(),
): CellId[] {
  const zeroed: CellId[] = [];
  for (let pass = 0; pass < 3; pass += 1) {
    let changed = false;
    for (const equation of ledgerEquations) {
      if (equation.tableId !== tableId) continue;
      if (equation.derivedTotal && values.get(equation.derivedTotal) === null) continue;
      // A cell the table's format does not have (2019's single （六） row) counts as nothing; one not read stops the deduction.
      const side = (terms: typeof equation.left) =>
        terms.map((term) => ({ cellId: term.cellId, value: notInFormat.has(term.cellId) ? 0 : values.get(term.cellId) }));
      const left = side(equation.left);
      const right = side(equation.right);
      if ([...left, ...right].some((term) => term.value === undefined)) continue;
      const blanks = (terms: typeof left) => terms.filter((term) => term.value === null);
      const sum = (terms: typeof left) => terms.reduce((acc, term) => acc + (typeof term.value === "number" ? term.value : 0), 0);
      const leftBlanks = blanks(left);
      const rightBlanks = blanks(right);
      if (leftBlanks.length + rightBlanks.length === 0) continue;
      // A blank total is derived, not 0; blanks on both sides could offset each other.
      if ([...leftBlanks, ...rightBlanks].some((term) => getCell(term.cellId).computedFrom)) continue;
      if (leftBlanks.length > 0 && rightBlanks.length > 0) continue;
      if (Math.abs(sum(left) - sum(right)) > 1e-9) continue;
      for (const term of [...leftBlanks, ...rightBlanks]) {
        values.set(term.cellId, 0);
        zeroed.push(term.cellId);
      }
      changed = true;
    }
    if (!changed) break;
  }
  return zeroed;
}
