import { NOT_APPLICABLE } from "@/lib/report/report-schema";
import type { ValueLine, ValueToken } from "./value-text";

/**
 * The ways a row's printed figures can fill the row's cells. A row printed cell by cell
 * has one reading; a row whose figures ran together (“520000355”) or lost a figure in
 * extraction has several, and the row's own sums (总计 = the parts before it) remove
 * most of them. What the row alone cannot decide, the table's sums decide later.
 */

/** A figure, 不适用, blank (printed empty), or `undefined`: not printed and not yet deduced. */
export type ReadValue = number | typeof NOT_APPLICABLE | null | undefined;

/** `total` is the sum of `parts`: indices into the row. */
export type RowGroup = { parts: readonly number[]; total: number };

export type RowShape = { width: number; groups: readonly RowGroup[] };

export type RowReading = {
  values: ReadValue[];
  /** Lower is likelier: cells as printed cost nothing, splitting a separate figure or supplying a lost one costs. */
  cost: number;
  /** Positions whose value was not printed but deduced from the row's sums. */
  inferred: number[];
  /** The printed tokens that had to be split, for the notes. */
  split: string[];
};

const SPLIT_COST = 1;
const MISSING_COST = 2;
const BROKEN_SUM_COST = 3;
const MAX_READINGS = 4000;
const MAX_STEPS = 200_000;

const numeric = (value: ReadValue): number => (typeof value === "number" ? value : 0);

/** Whether every group whose total is printed adds up; unknown cells make a group undecided (true). */
export function groupsHold(values: readonly ReadValue[], shape: RowShape): boolean {
  for (const group of shape.groups) {
    const total = values[group.total];
    if (total === undefined || total === null || total === NOT_APPLICABLE) continue;
    if (group.parts.some((part) => values[part] === undefined)) continue;
    const sum = group.parts.reduce((acc, part) => acc + numeric(values[part]), 0);
    if (Math.abs(sum - total) > 1e-9) return false;
  }
  return true;
}

/** Deduces unknown cells a group pins down; false when a deduction is impossible (a negative count). */
function solveGroups(values: ReadValue[], shape: RowShape, inferred: number[]): boolean {
  for (const group of shape.groups) {
    const members = [...group.parts, group.total];
    const unknown = members.filter((index) => values[index] === undefined);
    if (unknown.length === 0) continue;
    const total = values[group.total];
    const knownParts = group.parts.filter((part) => values[part] !== undefined);
    const partSum = knownParts.reduce((acc, part) => acc + numeric(values[part]), 0);
    if (unknown.length === 1 && unknown[0] === group.total) {
      values[group.total] = partSum;
      inferred.push(group.total);
      continue;
    }
    if (typeof total !== "number") continue;
    const rest = total - partSum;
    if (rest < -1e-9) return false;
    if (unknown.length === 1) {
      values[unknown[0]!] = rest;
      inferred.push(unknown[0]!);
    } else if (Math.abs(rest) < 1e-9) {
      // Non-negative counts that add up to nothing are each nothing.
      for (const index of unknown) values[index] = 0;
      inferred.push(...unknown);
    }
  }
  return true;
}

const tokenValue = (token: ValueToken): ReadValue => (token.kind === "number" ? token.value : NOT_APPLICABLE);

/** A token that may hold several figures run together: digits only, no decimal point. */
const splittable = (token: ValueToken): boolean => token.kind === "number" && /^\d{2,}$/.test(token.digits);

/** A run of digits that cannot be one figure: a leading zero means two figures met. */
const mustSplit = (token: ValueToken): boolean => token.kind === "number" && /^0\d/.test(token.digits);

/** Every way to cut a digit string into `parts` figures without leading zeros. */
function digitSplits(digits: string, parts: number, out: string[][], budget: { steps: number }): void {
  const walk = (from: number, left: number, taken: string[]) => {
    if (budget.steps-- <= 0) return;
    if (left === 1) {
      const piece = digits.slice(from);
      if (piece.length > 0 && !(piece.length > 1 && piece[0] === "0")) out.push([...taken, piece]);
      return;
    }
    // A zero stands alone; any other figure may run for several digits.
    const maxLength = digits[from] === "0" ? 1 : digits.length - from - (left - 1);
    for (let length = 1; length <= maxLength; length += 1) {
      walk(from + length, left - 1, [...taken, digits.slice(from, from + length)]);
    }
  };
  if (parts <= digits.length) walk(0, parts, []);
}

function combinations(size: number, choose: number): number[][] {
  const result: number[][] = [];
  const walk = (start: number, picked: number[]) => {
    if (picked.length === choose) {
      result.push([...picked]);
      return;
    }
    for (let index = start; index < size; index += 1) walk(index + 1, [...picked, index]);
  };
  walk(0, []);
  return result;
}

/**
 * Readings that show the same table are one: a blank part where the printed total
 * leaves nothing is 0, and a blank total is the sum of its parts.
 */
function key(values: readonly ReadValue[], shape: RowShape): string {
  const shown = [...values];
  for (const group of shape.groups) {
    const parts = group.parts.map((part) => shown[part]);
    if (parts.some((value) => value === undefined)) continue;
    const sum = parts.reduce<number>((acc, value) => acc + numeric(value), 0);
    const total = shown[group.total];
    if (total === null) shown[group.total] = sum;
    else if (typeof total === "number" && Math.abs(total - sum) < 1e-9) {
      for (const part of group.parts) if (shown[part] === null) shown[part] = 0;
    }
  }
  return shown.map((value) => (value === undefined ? "?" : value === null ? "_" : String(value))).join(",");
}

/**
 * The row's readings, likeliest first. `lines` are the value lines printed for the row;
 * `reliableCells` says their cells are the document's own table cells.
 */
export function rowReadings(lines: readonly ValueLine[], shape: RowShape, reliableCells: boolean): RowReading[] {
  const found = new Map<string, RowReading>();
  const add = (reading: RowReading) => {
    const id = key(reading.values, shape);
    const known = found.get(id);
    if (!known || known.cost > reading.cost) found.set(id, reading);
  };
  const width = shape.width;

  // Cells as printed, when one line gives the row's positions.
  if (lines.length === 1 && lines[0]!.slots) {
    const slots = lines[0]!.slots;
    const candidates: (ValueToken | null)[][] = [];
    if (slots.length === width) candidates.push(slots);
    if (slots.length === width + 1 && slots[slots.length - 1] === null) candidates.push(slots.slice(0, width));
    if (slots.length === width + 1 && slots[0] === null) candidates.push(slots.slice(1));
    for (const candidate of candidates) {
      if (candidate.some((token) => token !== null && mustSplit(token))) continue;
      const values = candidate.map((token) => (token ? tokenValue(token) : null));
      add({ values, cost: groupsHold(values, shape) || reliableCells ? 0 : BROKEN_SUM_COST, inferred: [], split: [] });
    }
    if (reliableCells && candidates.length > 0 && found.size > 0) return [...found.values()];
  }

  const tokens = lines.flatMap((line) => line.tokens);
  if (tokens.length === 0 || tokens.length > width) return [...found.values()].sort((a, b) => a.cost - b.cost);
  const runTogether = tokens.length === 1;
  const budget = { steps: MAX_STEPS };

  // Figure sequences: each token kept whole or, when it can be, cut into several figures.
  const sequences: { figures: ReadValue[]; cost: number; split: string[] }[] = [];
  const extend = (index: number, figures: ReadValue[], cost: number, split: string[]) => {
    if (sequences.length >= MAX_READINGS || budget.steps-- <= 0) return;
    if (figures.length > width) return;
    if (index === tokens.length) {
      sequences.push({ figures, cost, split });
      return;
    }
    const token = tokens[index]!;
    if (!mustSplit(token)) extend(index + 1, [...figures, tokenValue(token)], cost, split);
    if (token.kind !== "number" || !splittable(token)) return;
    const room = width - figures.length - (tokens.length - index - 1);
    for (let parts = 2; parts <= Math.min(room, token.digits.length); parts += 1) {
      const cuts: string[][] = [];
      digitSplits(token.digits, parts, cuts, budget);
      for (const cut of cuts) {
        extend(index + 1, [...figures, ...cut.map(Number)], cost + (runTogether ? 0 : SPLIT_COST * (parts - 1)), [
          ...split,
          token.digits,
        ]);
      }
    }
  };
  extend(0, [], 0, []);

  for (const sequence of sequences) {
    const missing = width - sequence.figures.length;
    for (const gaps of combinations(width, missing)) {
      const values: ReadValue[] = [];
      let next = 0;
      for (let position = 0; position < width; position += 1) {
        values.push(gaps.includes(position) ? undefined : sequence.figures[next++]);
      }
      const inferred: number[] = [];
      if (!solveGroups(values, shape, inferred)) continue;
      if (!groupsHold(values, shape)) {
        // Figures printed cell by cell stay as printed: a wrong sum is the report's, for `check` to name.
        if (missing > 0 || sequence.split.length > 0) continue;
        add({ values, cost: BROKEN_SUM_COST, inferred, split: sequence.split });
        continue;
      }
      const unresolved = values.filter((value) => value === undefined).length;
      if (unresolved > 2) continue;
      add({ values, cost: sequence.cost + MISSING_COST * missing, inferred, split: sequence.split });
      if (found.size >= MAX_READINGS) break;
    }
  }
  return [...found.values()].sort((a, b) => a.cost - b.cost);
}
