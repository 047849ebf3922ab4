import type { FigureId, LinkedFigure } from "@/lib/format/linked-figures";
import { TREND_FLOORS } from "@/lib/format/trend-limits";
import { keyFigures } from "./year-comparison";

/*
 * The office's units side by side: which key figures stand out against comparable units (same
 * parent, same kind), for the reviewer's eye in the overview. Marks, not findings: a unit's
 * own report is not wrong for being unlike its neighbours.
 */

/** What a unit is, read from its name: a 乡镇/街道, a government, or a department. */
export type UnitKind = "township" | "government" | "department" | "other";

export const unitKindLabels: Readonly<Record<UnitKind, string>> = {
  township: "乡镇、街道",
  government: "人民政府",
  department: "部门",
  other: "其他单位",
};

const TOWNSHIP = /(?:乡|镇|街道|街道办事处|苏木)(?:人民政府)?$/u;
const GOVERNMENT = /人民政府$/u;
const DEPARTMENT = /(?:局|委员会|委|办公室|办|厅|中心|院|所|站|队|馆|署|处|会)$/u;

/** Units have no kind of their own in the office's tree: their names say it (某某镇人民政府, 某某县财政局). */
export function unitKind(name: string): UnitKind {
  const trimmed = name.trim();
  if (TOWNSHIP.test(trimmed)) return "township";
  if (GOVERNMENT.test(trimmed)) return "government";
  if (DEPARTMENT.test(trimmed)) return "department";
  return "other";
}

export type UnitFigures = {
  unitId: string;
  parentId: string | null;
  kind: UnitKind;
  /** The unit's key figures this year; null where it has no report or the cell is blank or “/”. */
  figures: Readonly<Record<FigureId, number | null>>;
};

export type OutlierMark = {
  figure: LinkedFigure;
  kind: "zero_among_many" | "far_above";
  value: number;
  /** The median of the comparable units' figures, and how many they are. */
  peerMedian: number;
  peerCount: number;
};

/** At least this many comparable units with a figure: fewer say nothing about what is usual. */
export const MIN_PEERS = 3;
/** Far above: this many times the comparable units' median, and at least the trend floor. */
export const FAR_ABOVE_FACTOR = 10;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Each unit's marks: a key figure of 0 where most comparable units have many (≥ the trend floor),
 * or one far above theirs (≥ ×10 their median and ≥ the floor).
 */
export function markOfficeOutliers(units: readonly UnitFigures[]): Map<string, OutlierMark[]> {
  const groups = new Map<string, UnitFigures[]>();
  for (const unit of units) {
    const key = `${unit.parentId ?? ""}\u0001${unit.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), unit]);
  }
  const marks = new Map<string, OutlierMark[]>();
  for (const group of groups.values()) {
    for (const unit of group) {
      for (const figure of keyFigures) {
        const value = unit.figures[figure.id];
        if (typeof value !== "number") continue;
        const peers = group
          .filter((other) => other !== unit)
          .map((other) => other.figures[figure.id])
          .filter((peer): peer is number => typeof peer === "number");
        if (peers.length < MIN_PEERS) continue;
        const floor = TREND_FLOORS[figure.kind];
        const peerMedian = median(peers);
        const many = peers.filter((peer) => peer >= floor).length;
        let kind: OutlierMark["kind"] | null = null;
        if (value === 0 && many * 2 > peers.length) kind = "zero_among_many";
        else if (value >= Math.max(FAR_ABOVE_FACTOR * peerMedian, floor)) kind = "far_above";
        if (!kind) continue;
        marks.set(unit.unitId, [...(marks.get(unit.unitId) ?? []), { figure, kind, value, peerMedian, peerCount: peers.length }]);
      }
    }
  }
  return marks;
}

/** How a mark reads to the reviewer: “行政许可 为 0，同类 5 个单位的中位数为 1200”. */
export function describeOutlier(mark: OutlierMark): string {
  const median = Number(mark.peerMedian.toFixed(2));
  return mark.kind === "zero_among_many"
    ? `${mark.figure.shortName}为 0，同一上级的同类单位（${mark.peerCount} 个）多数较多，中位数 ${median}`
    : `${mark.figure.shortName} ${mark.value}，远高于同一上级的同类单位（${mark.peerCount} 个，中位数 ${median}）`;
}

/** Rows sorted by one key figure, largest first (or smallest), units without the figure last. */
export function sortByFigure<T extends { figures: Readonly<Record<FigureId, number | null>> }>(
  rows: readonly T[],
  figureId: FigureId,
  direction: "asc" | "desc",
): T[] {
  const sign = direction === "desc" ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = a.figures[figureId];
    const right = b.figures[figureId];
    if (typeof left !== "number" || typeof right !== "number")
      return (typeof left === "number" ? 0 : 1) - (typeof right === "number" ? 0 : 1);
    return sign * (left - right);
  });
}
