import { NOT_APPLICABLE } from "@/lib/format";
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
    // Fewer cells than columns: a merged label cell swallowed some; the figures sit at the right.
    const padding = width - slots.length;
    for (const candidate of candidates) {
      if (candidate.some((token) => token !== null && mustSplit(token))) continue;
      const values = candidate.map((token) => (token ? tokenValue(token) : null));
      add({ values, cost: groupsHold(values, shape) || reliableCells ? 0 : BROKEN_SUM_COST, inferred: [], split: [] });
    }
    if (slots.every((slot) => slot === null)) return [...found.values()];
    if (padding > 0 && padding <= 2 && !slots.some((token) => token !== null && mustSplit(token))) {
      const values: ReadValue[] = [
        ...Array.from({ length: padding }, () => undefined),
        ...slots.map((token) => (token ? tokenValue(token) : null)),
      ];
      const inferred: number[] = [];
      if (solveGroups(values, shape, inferred) && groupsHold(values, shape) && values.every((value) => value !== undefined)) {
        add({ values, cost: MISSING_COST * padding, inferred, split: [] });
      }
    }
    if (reliableCells && candidates.length > 0 && found.size > 0) return [...found.values()];
  }

  const tokens = lines.flatMap((line) => line.tokens);
  if (tokens.length === 0 || tokens.length > width) return [...found.values()].sort((a, b) => a.cost - b.cost);
  // One run of digits for a whole row is figures run together; one digit alone is one figure (the rest blank).
  const runTogether = tokens.length === 1 && splittable(tokens[0]!);
  const totalOf = new Map(shape.groups.map((group) => [group.total, group]));
  let steps = MAX_STEPS;

  /*
   * Fill the row left to right. A figure is a whole token, a piece cut from a token whose
   * figures ran together, or a figure not printed at all. A total must equal its parts,
   * so once the parts are known its digits are fixed: this keeps long runs of digits
   * (fifteen figures of 表四 in one string) cheap to split.
   */
  const values: ReadValue[] = [];
  const walk = (slot: number, token: number, offset: number, cost: number, missing: number, split: string[]) => {
    if (steps-- <= 0 || found.size >= MAX_READINGS) return;
    if (slot === width) {
      if (token < tokens.length) return;
      const filled = [...values];
      const inferred: number[] = [];
      if (!solveGroups(filled, shape, inferred)) return;
      if (!groupsHold(filled, shape)) {
        // Figures printed cell by cell stay as printed: a wrong sum is the report's, for `check` to name.
        if (missing === 0 && split.length === 0) add({ values: filled, cost: BROKEN_SUM_COST, inferred, split });
        return;
      }
      if (filled.filter((value) => value === undefined).length > 2) return;
      add({ values: filled, cost, inferred, split });
      return;
    }
    const slotsLeft = width - slot;
    const current = tokens[token];
    const group = totalOf.get(slot);
    const partsKnown = group?.parts.every((part) => values[part] !== undefined);
    const expectedTotal = group && partsKnown ? group.parts.reduce((acc, part) => acc + numeric(values[part]), 0) : null;

    if (current && offset === 0 && !mustSplit(current)) {
      const value = tokenValue(current);
      if (
        expectedTotal === null ||
        (typeof value === "number" && Math.abs(value - expectedTotal) < 1e-9) ||
        value === NOT_APPLICABLE
      ) {
        values.push(value);
        walk(slot + 1, token + 1, 0, cost, missing, split);
        values.pop();
      }
    }
    // A row printed with fewer figures than cells may have figures run together (“20 0 0 0 02”):
    // any run of digits may then hold several; a token that cannot be one figure (a leading zero)
    // is always cut. A row that prints a figure for every cell is read as printed.
    if (
      current &&
      current.kind === "number" &&
      splittable(current) &&
      (runTogether || mustSplit(current) || offset > 0 || tokens.length < width)
    ) {
      const digits = current.digits;
      const rest = digits.length - offset;
      const piece = (length: number) => digits.slice(offset, offset + length);
      const lengths =
        expectedTotal !== null
          ? [String(expectedTotal).length]
          : digits[offset] === "0"
            ? [1]
            : Array.from({ length: rest }, (_, index) => index + 1);
      for (const length of lengths) {
        if (length > rest || (offset === 0 && length === rest)) continue;
        const text = piece(length);
        if (text.length > 1 && text[0] === "0") continue;
        if (expectedTotal !== null && Number(text) !== expectedTotal) continue;
        const ends = offset + length === digits.length;
        values.push(Number(text));
        walk(
          slot + 1,
          ends ? token + 1 : token,
          ends ? 0 : offset + length,
          cost + (runTogether || ends ? 0 : SPLIT_COST),
          missing,
          ends ? [...split, digits] : split,
        );
        values.pop();
      }
    }
    // A figure lost in extraction, if the figures left can still fill the slots left.
    const tokensLeft = tokens.length - token - (offset > 0 ? 1 : 0);
    if (offset === 0 && tokensLeft < slotsLeft && !runTogether) {
      values.push(undefined);
      walk(slot + 1, token, 0, cost + MISSING_COST, missing + 1, split);
      values.pop();
    }
  };
  walk(0, 0, 0, 0, 0, []);
  return [...found.values()].sort((a, b) => a.cost - b.cost);
}
