import {
  type CellDefinition,
  type CellId,
  getCell,
  ledgerCells,
  NOT_APPLICABLE,
  type TCellValue,
  type TLedger,
} from "@/lib/format";
import type { LinkedFigure } from "@/lib/format/linked-figures";

/** Computed cells ordered so that every cell comes after the computed cells it sums. */
const computedCellsInOrder: readonly CellDefinition[] = (() => {
  const ordered: CellDefinition[] = [];
  const placed = new Set<CellId>();
  const place = (cell: CellDefinition) => {
    if (placed.has(cell.id) || !cell.computedFrom) return;
    for (const addend of cell.computedFrom) place(getCell(addend));
    placed.add(cell.id);
    ordered.push(cell);
  };
  ledgerCells.forEach(place);
  return ordered;
})();

export type DerivedLedger = {
  /** What the table shows: the stated figure, or for an unstated computed cell its derivation. */
  effective: Record<CellId, TCellValue>;
  /** For computed cells only: the sum of their addends' effective values. */
  derived: Record<CellId, TCellValue>;
};

export function isBlank(value: TCellValue | undefined): value is null | undefined {
  return value === null || value === undefined;
}

/** A cell's contribution to a sum: “/” and blank add nothing (the rules report them). */
export function numericValue(value: TCellValue | undefined): number {
  return typeof value === "number" ? value : 0;
}

/** The sum of some cells; blank when none has a figure, “/” when all that are filled are “/”. */
export function sumCells(values: readonly (TCellValue | undefined)[]): TCellValue {
  let total = 0;
  let hasNumber = false;
  let hasNotApplicable = false;
  for (const value of values) {
    if (typeof value === "number") {
      total += value;
      hasNumber = true;
    } else if (value === NOT_APPLICABLE) {
      hasNotApplicable = true;
    }
  }
  if (hasNumber) return total;
  return hasNotApplicable ? NOT_APPLICABLE : null;
}

export function deriveLedger(ledger: TLedger): DerivedLedger {
  const effective: Record<CellId, TCellValue> = {};
  const derived: Record<CellId, TCellValue> = {};
  for (const cell of ledgerCells) effective[cell.id] = ledger[cell.id] ?? null;
  for (const cell of computedCellsInOrder) {
    const sum = sumCells(cell.computedFrom!.map((addend) => effective[addend]));
    derived[cell.id] = sum;
    if (isBlank(ledger[cell.id])) effective[cell.id] = sum;
  }
  return { effective, derived };
}

/** A figure's value as the tables show it: a cell's effective value, or the sum of its addends. */
export function figureValue(figure: LinkedFigure, effective: Readonly<Record<CellId, TCellValue>>): TCellValue {
  if (figure.isCell) return effective[figure.id] ?? null;
  return sumCells(figure.addends.map((id) => effective[id]));
}
