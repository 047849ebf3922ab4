import { type CellId, getCell, NOT_APPLICABLE, type TableId } from "@/lib/format";
import { ledgerEquations } from "@/lib/ledger/ledger-equations";
import type { ReadValue, RowReading } from "./row-readings";

/**
 * Choosing one reading per row so that the table's identities hold: 总计 = the parts,
 * （七）总计 = the results, 第一项 + 第二项 = 第三项 + 第四项 (表三), each group's 总计 (表四).
 * The identities come from lib/ledger's equations, which come from the format.
 * A cell is certain when every best choice gives it the same value.
 */

export type TableRow = { label: string; cellIds: readonly CellId[]; readings: readonly RowReading[] };

export type SolvedTable = {
  /** The figures: for a cell several readings differ on, the first reading's; undefined for a cell left unread. */
  values: Map<CellId, ReadValue>;
  /** Cells whose value differs between readings that all make the identities hold: the alternatives. */
  ambiguous: Map<CellId, ReadValue[]>;
  /** The readings that make every identity hold (at most a few dozen), each as the table's figures. */
  readings: Map<CellId, ReadValue>[];
  /** Cells not printed whose value the sums gave. */
  inferred: Set<CellId>;
  /** Rows whose reading the table's sums had to decide among several. */
  decided: number[];
  /** Whether some reading made every identity hold. */
  consistent: boolean;
  /**
   * Cells of rows printed several ways when no way makes the table add up (or too many ways
   * to try): never guessed, left unread.
   */
  unresolved: Set<CellId>;
};

type Term = { row: number; position: number };
type Equation = { left: Term[]; right: Term[]; derivedTotal: Term | null };

const MAX_NODES = 200_000;
const MAX_SOLUTIONS = 64;
const EPSILON = 1e-9;

function compileEquations(tableId: TableId, rows: readonly TableRow[]): Equation[] {
  const where = new Map<CellId, Term>();
  rows.forEach((row, rowIndex) => {
    row.cellIds.forEach((cellId, position) => {
      where.set(cellId, { row: rowIndex, position });
    });
  });
  const terms = (side: readonly { cellId: CellId }[]) => side.map((term) => where.get(term.cellId));
  const equations: Equation[] = [];
  for (const equation of ledgerEquations) {
    if (equation.tableId !== tableId) continue;
    const left = terms(equation.left);
    const right = terms(equation.right);
    // An identity over cells this table does not read says nothing here.
    if ([...left, ...right].some((term) => term === undefined)) continue;
    equations.push({
      left: left as Term[],
      right: right as Term[],
      derivedTotal: equation.derivedTotal ? (where.get(equation.derivedTotal) ?? null) : null,
    });
  }
  return equations;
}

/** Blank computed cells take their derivation, as the rule engine does. */
function effectiveValues(rows: readonly TableRow[], chosen: readonly ReadValue[][]): Map<CellId, number | null | undefined> {
  const raw = new Map<CellId, ReadValue>();
  rows.forEach((row, rowIndex) => {
    row.cellIds.forEach((cellId, position) => {
      raw.set(cellId, chosen[rowIndex]![position]);
    });
  });
  const effective = new Map<CellId, number | null | undefined>();
  const resolve = (cellId: CellId): number | null | undefined => {
    if (effective.has(cellId)) return effective.get(cellId);
    const value = raw.get(cellId);
    let result: number | null | undefined;
    if (typeof value === "number") result = value;
    else if (value === NOT_APPLICABLE) result = 0;
    else if (value === undefined) result = undefined;
    else {
      const definition = getCell(cellId);
      if (definition.computedFrom?.every((addend) => raw.has(addend))) {
        let sum = 0;
        let any = false;
        let unknown = false;
        for (const addend of definition.computedFrom) {
          const part = resolve(addend);
          if (part === undefined) unknown = true;
          else if (part !== null) {
            sum += part;
            any = true;
          }
        }
        result = unknown ? undefined : any ? sum : null;
      } else result = null;
    }
    effective.set(cellId, result);
    return result;
  };
  for (const cellId of raw.keys()) resolve(cellId);
  return effective;
}

/** Whether every identity holds; unknown cells (not deducible) make an identity undecided. */
function allHold(rows: readonly TableRow[], equations: readonly Equation[], chosen: readonly ReadValue[][]): boolean {
  const effective = effectiveValues(rows, chosen);
  const valueAt = (term: Term) => effective.get(rows[term.row]!.cellIds[term.position]!);
  for (const equation of equations) {
    if (equation.derivedTotal && chosen[equation.derivedTotal.row]![equation.derivedTotal.position] === null) continue;
    const terms = [...equation.left, ...equation.right];
    const values = terms.map(valueAt);
    if (values.some((value) => value === undefined)) continue;
    if (values.every((value) => value === null)) continue;
    const sum = (side: readonly Term[]) => side.reduce((acc, term) => acc + (valueAt(term) ?? 0), 0);
    if (Math.abs(sum(equation.left) - sum(equation.right)) > EPSILON) return false;
  }
  return true;
}

/** Cells a chosen reading left unknown, deduced where an identity has one unknown left. */
function propagate(equations: readonly Equation[], chosen: ReadValue[][]): Set<string> | null {
  const deduced = new Set<string>();
  for (let pass = 0; pass < 4; pass += 1) {
    let progress = false;
    for (const equation of equations) {
      const terms = [...equation.left.map((term) => ({ term, sign: 1 })), ...equation.right.map((term) => ({ term, sign: -1 }))];
      const unknown = terms.filter(({ term }) => chosen[term.row]![term.position] === undefined);
      if (unknown.length !== 1) continue;
      let balance = 0;
      for (const { term, sign } of terms) {
        const value = chosen[term.row]![term.position];
        if (value !== undefined) balance += sign * (typeof value === "number" ? value : 0);
      }
      const { term, sign } = unknown[0]!;
      const value = -balance / sign;
      if (value < -EPSILON || !Number.isInteger(Math.round(value * 1e6) / 1e6)) return null;
      chosen[term.row]![term.position] = value;
      deduced.add(`${term.row}:${term.position}`);
      progress = true;
    }
    if (!progress) break;
  }
  return deduced;
}

/**
 * Every combination of the rows' readings under which the table's identities hold. Readings
 * are not ranked: one combination that holds is taken, several are reported as alternatives,
 * none leaves the rows that had several readings unread.
 */
export function solveTable(tableId: TableId, rows: readonly TableRow[]): SolvedTable {
  const equations = compileEquations(tableId, rows);
  const ambiguousRows = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.readings.length > 1);
  const base: ReadValue[][] = rows.map((row) =>
    row.readings[0] ? [...row.readings[0].values] : row.cellIds.map(() => undefined),
  );

  // Rows most bound by the identities first, so a wrong choice fails early.
  const weight = new Map<number, number>();
  for (const equation of equations) {
    for (const term of [...equation.left, ...equation.right]) weight.set(term.row, (weight.get(term.row) ?? 0) + 1);
  }
  ambiguousRows.sort(
    (a, b) => (weight.get(b.index) ?? 0) - (weight.get(a.index) ?? 0) || a.row.readings.length - b.row.readings.length,
  );
  const order = ambiguousRows.map(({ index }) => index);
  const depthOf = new Map(order.map((rowIndex, depth) => [rowIndex, depth]));

  // Bounds of each cell over a row's readings, for pruning sums that can no longer meet.
  const bounds = rows.map((row) =>
    row.cellIds.map((_, position) => {
      let low = Infinity;
      let high = -Infinity;
      for (const reading of row.readings) {
        const value = reading.values[position];
        const number = typeof value === "number" ? value : value === undefined ? NaN : 0;
        if (Number.isNaN(number)) {
          low = Math.min(low, 0);
          high = Infinity;
        } else {
          low = Math.min(low, number);
          high = Math.max(high, number);
        }
      }
      return row.readings.length === 0 ? { low: 0, high: Infinity } : { low, high };
    }),
  );
  // Blank totals are derived, so an identity containing one cannot prune.
  const prunable = equations.filter((equation) =>
    [...equation.left, ...equation.right].every(
      (term) =>
        !getCell(rows[term.row]!.cellIds[term.position]!).computedFrom ||
        rows[term.row]!.readings.every((reading) => reading.values[term.position] !== null),
    ),
  );

  const chosen = base.map((values) => [...values]);
  const choice = rows.map(() => 0);
  const solutions: { values: ReadValue[][]; choice: number[]; deduced: Set<string> }[] = [];
  let nodes = 0;
  let exhausted = true;

  const feasible = (depth: number): boolean => {
    for (const equation of prunable) {
      let lowLeft = 0;
      let highLeft = 0;
      let lowRight = 0;
      let highRight = 0;
      const accumulate = (term: Term, side: "left" | "right") => {
        const assigned = !depthOf.has(term.row) || depthOf.get(term.row)! < depth;
        let low: number;
        let high: number;
        if (assigned) {
          const value = chosen[term.row]![term.position];
          if (value === undefined) {
            low = 0;
            high = Infinity;
          } else {
            low = high = typeof value === "number" ? value : 0;
          }
        } else {
          ({ low, high } = bounds[term.row]![term.position]!);
        }
        if (side === "left") {
          lowLeft += low;
          highLeft += high;
        } else {
          lowRight += low;
          highRight += high;
        }
      };
      for (const term of equation.left) accumulate(term, "left");
      for (const term of equation.right) accumulate(term, "right");
      if (lowLeft > highRight + EPSILON || lowRight > highLeft + EPSILON) return false;
    }
    return true;
  };

  const search = (depth: number) => {
    if (solutions.length > MAX_SOLUTIONS || !exhausted) return;
    if (nodes++ > MAX_NODES) {
      exhausted = false;
      return;
    }
    if (!feasible(depth)) return;
    if (depth === order.length) {
      const values = chosen.map((row) => [...row]);
      const deduced = propagate(equations, values);
      if (!deduced || !allHold(rows, equations, values)) return;
      solutions.push({ values, choice: [...choice], deduced });
      return;
    }
    const rowIndex = order[depth]!;
    rows[rowIndex]!.readings.forEach((reading, readingIndex) => {
      chosen[rowIndex] = [...reading.values];
      choice[rowIndex] = readingIndex;
      search(depth + 1);
    });
    chosen[rowIndex] = base[rowIndex]!;
  };
  search(0);

  const values = new Map<CellId, ReadValue>();
  const ambiguous = new Map<CellId, ReadValue[]>();
  const inferred = new Set<CellId>();
  const unresolved = new Set<CellId>();
  const readingsFound: Map<CellId, ReadValue>[] = [];
  const complete = exhausted && solutions.length <= MAX_SOLUTIONS;

  if (solutions.length > 0) {
    const first = solutions[0]!;
    for (const solution of solutions.slice(0, MAX_SOLUTIONS)) {
      const reading = new Map<CellId, ReadValue>();
      rows.forEach((row, rowIndex) => {
        row.cellIds.forEach((cellId, position) => {
          reading.set(cellId, solution.values[rowIndex]![position]);
        });
      });
      readingsFound.push(reading);
    }
    rows.forEach((row, rowIndex) => {
      row.cellIds.forEach((cellId, position) => {
        values.set(cellId, first.values[rowIndex]![position]);
        const seen: ReadValue[] = [];
        for (const solution of solutions) {
          const value = solution.values[rowIndex]![position];
          if (!seen.some((known) => known === value)) seen.push(value);
        }
        // Not every way was tried: a cell the row's readings differ on may yet differ between tables that add up.
        if (!complete) {
          for (const reading of row.readings) {
            const value = reading.values[position];
            if (value !== undefined && !seen.some((known) => known === value)) seen.push(value);
          }
        }
        if (seen.length > 1) ambiguous.set(cellId, seen);
        const reading = row.readings[first.choice[rowIndex]!];
        if (reading?.inferred.includes(position) || first.deduced.has(`${rowIndex}:${position}`)) inferred.add(cellId);
      });
    });
  } else {
    // Nothing adds up (the report's own error, or too many readings to try). A row printed one
    // way keeps its figures; of a row printed several ways, the cells its readings differ on stay unread.
    const fallback = base.map((row) => [...row]);
    rows.forEach((row, rowIndex) => {
      if (row.readings.length <= 1) return;
      row.cellIds.forEach((_, position) => {
        const first = row.readings[0]!.values[position];
        if (row.readings.some((reading) => reading.values[position] !== first)) fallback[rowIndex]![position] = undefined;
      });
    });
    rows.forEach((row, rowIndex) => {
      row.cellIds.forEach((cellId, position) => {
        const value = fallback[rowIndex]![position];
        values.set(cellId, value);
        if (value === undefined && row.readings.length > 1) unresolved.add(cellId);
        if (row.readings.length === 1 && row.readings[0]!.inferred.includes(position)) inferred.add(cellId);
      });
    });
  }
  return {
    values,
    ambiguous,
    readings: readingsFound,
    inferred,
    decided: solutions.length > 0 ? ambiguousRows.map(({ index }) => index) : [],
    consistent: solutions.length > 0,
    unresolved,
  };
}
