import {
  AMOUNT_UNIT,
  activeDisclosureCellId,
  applicationsCellId,
  type CellKind,
  COUNT_UNIT,
  reviewsLitigationCellId,
  type TableId,
  type TCellValue,
  type TLedger,
} from "@/lib/format";
import {
  applicationResultGroups,
  type FigureId,
  figureReference,
  getLinkedFigure,
  LITIGATION_GROUP,
  type LinkedFigure,
} from "@/lib/format/linked-figures";
import { TREND_FACTOR, TREND_FLOORS } from "@/lib/format/trend-limits";
import { deriveLedger, figureValue } from "@/lib/ledger/derive-ledger";

/*
 * This year's key figures beside last year's (or, in the overview, beside the office's other
 * units). Pure functions on ledgers: the editor's 与上年对比, the trend.* rules and the
 * overview all read the same judgement.
 */

/** The figures a reader compares from year to year: 表二's four counts and 收费, 表三's flow, 表四's totals. */
export const keyFigureIds: readonly FigureId[] = [
  activeDisclosureCellId("normative_documents", "in_force"),
  activeDisclosureCellId("licensing", "decisions"),
  activeDisclosureCellId("penalties", "decisions"),
  activeDisclosureCellId("enforcement", "decisions"),
  activeDisclosureCellId("fees", "amount"),
  applicationsCellId("new", "total"),
  applicationsCellId("carried_over", "total"),
  applicationsCellId("granted", "total"),
  applicationsCellId("partially_granted", "total"),
  ...applicationResultGroups.map((group) => applicationsCellId(group.key!, "total")),
  applicationsCellId("carried_forward", "total"),
  reviewsLitigationCellId("review.total"),
  reviewsLitigationCellId(`${LITIGATION_GROUP}.total`),
];

export const keyFigures: readonly LinkedFigure[] = keyFigureIds.map(getLinkedFigure);

export { TREND_FACTOR, TREND_FLOORS };

export type Trend = "jump" | "zero";

/** Whether a figure's change from last year is one a reader would ask about. */
export function judgeTrend(thisYear: number, lastYear: number, kind: CellKind): Trend | null {
  const floor = TREND_FLOORS[kind];
  if (thisYear === 0) return lastYear >= floor ? "zero" : null;
  if (Math.max(thisYear, lastYear) < floor) return null;
  if (lastYear === 0) return "jump";
  const ratio = thisYear / lastYear;
  return ratio > TREND_FACTOR || ratio < 1 / TREND_FACTOR ? "jump" : null;
}

export type FigureChange = {
  figure: LinkedFigure;
  /** Null when the cell is blank or “/”: nothing to compare. */
  thisYear: number | null;
  lastYear: number | null;
  /** thisYear − lastYear, when both are figures. */
  difference: number | null;
  /** The change in percent of last year's figure, rounded; null when last year was 0. */
  percent: number | null;
  trend: Trend | null;
};

const asNumber = (value: TCellValue) => (typeof value === "number" ? value : null);
const roundAmount = (value: number) => Math.round(value * 1e6) / 1e6;

/** The key figures of a ledger as the tables show them (a group or a derived total summed). */
export function keyFigureValues(ledger: TLedger): Record<FigureId, number | null> {
  const { effective } = deriveLedger(ledger);
  return Object.fromEntries(keyFigures.map((figure) => [figure.id, asNumber(figureValue(figure, effective))]));
}

export function compareFigure(figure: LinkedFigure, thisYear: number | null, lastYear: number | null): FigureChange {
  if (thisYear === null || lastYear === null) {
    return { figure, thisYear, lastYear, difference: null, percent: null, trend: null };
  }
  const difference = figure.kind === "amount" ? roundAmount(thisYear - lastYear) : thisYear - lastYear;
  const percent = lastYear === 0 ? null : Math.round((difference / lastYear) * 100);
  return { figure, thisYear, lastYear, difference, percent, trend: judgeTrend(thisYear, lastYear, figure.kind) };
}

/** Each key figure this year beside last year, in the tables' order. */
export function compareKeyFigures(current: TLedger, previous: TLedger): FigureChange[] {
  const now = keyFigureValues(current);
  const before = keyFigureValues(previous);
  return keyFigures.map((figure) => compareFigure(figure, now[figure.id] ?? null, before[figure.id] ?? null));
}

export const unitOfFigure = (figure: LinkedFigure) => (figure.kind === "amount" ? AMOUNT_UNIT : COUNT_UNIT);

/** How the change reads: 增长 900%, 下降 100%, 增加 35 件 (from 0), 持平. */
export function describeChange(change: FigureChange): string {
  if (change.difference === null) return "";
  if (change.difference === 0) return "持平";
  const direction = change.difference > 0 ? "增长" : "下降";
  if (change.percent !== null) return `${direction} ${Math.abs(change.percent)}%`;
  return `${change.difference > 0 ? "增加" : "减少"} ${Math.abs(change.difference)} ${unitOfFigure(change.figure)}`;
}

/** How a sentence names the figure before its number: 本年新收政府信息公开申请N件. */
const sentenceSubjects: Readonly<Partial<Record<FigureId, string>>> = {
  [applicationsCellId("new", "total")]: "本年新收政府信息公开申请",
  [applicationsCellId("carried_over", "total")]: "上年结转政府信息公开申请",
  [applicationsCellId("carried_forward", "total")]: "结转下年度继续办理的申请",
  [reviewsLitigationCellId("review.total")]: "因政府信息公开工作被申请行政复议",
  [reviewsLitigationCellId(`${LITIGATION_GROUP}.total`)]: "因政府信息公开工作被提起行政诉讼",
};

const subjectOf = (figure: LinkedFigure, table: TableId) =>
  sentenceSubjects[figure.id] ??
  (table === "s2" && figure.kind === "count" && !figure.shortName.includes("件数")
    ? `作出${figure.shortName}决定`
    : figure.shortName.replace(/件数$/u, ""));

/**
 * The sentence a marked change asks for, with this year's figure linked:
 * “本年新收政府信息公开申请{{fig:…}}件，比上年增长900%，主要原因是……。”
 */
export function trendSentence(change: FigureChange, options: { linked: boolean } = { linked: true }): string {
  const { figure } = change;
  const number = options.linked ? figureReference(figure.id) : String(change.thisYear ?? "");
  const unit = unitOfFigure(figure);
  let compared = "与上年持平";
  if (change.difference !== null && change.difference !== 0) {
    const direction = change.difference > 0 ? "增长" : "下降";
    compared =
      change.percent !== null
        ? `比上年${direction}${Math.abs(change.percent)}%`
        : `比上年${change.difference > 0 ? "增加" : "减少"}${Math.abs(change.difference)}${unit}`;
  }
  return `${subjectOf(figure, figure.tableId)}${number}${unit}，${compared}，主要原因是……。`;
}
