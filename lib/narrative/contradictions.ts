import {
  AMOUNT_UNIT,
  applicationsCellId,
  type CellId,
  COUNT_UNIT,
  getApplicationRow,
  reviewsLitigationCellId,
  reviewsLitigationColumnTree,
  type TCellValue,
  tableName,
} from "@/lib/format";
import {
  type FigureId,
  getLinkedFigure,
  LITIGATION_GROUP,
  type LinkedFigure,
  RECEIVED_ROW,
  stripOrdinal,
} from "@/lib/format/linked-figures";
import type { RuleLocation, RuleResult } from "@/lib/format/rule-catalogue";
import { deriveLedger, figureValue } from "@/lib/ledger/derive-ledger";
import type { TReport } from "@/lib/report/report-schema";
import { narrativeFields } from "./narrative-fields";
import { parseNarrativeText, resolveReferences } from "./references";
import { ruleResult } from "./rule-result";
import { findStatedFigures, type OutcomeClaim, type StatedFigure, type TextRange } from "./stated-figures";

type Effective = Readonly<Record<CellId, TCellValue>>;

const QUOTE_LIMIT = 80;

/**
 * The sentence as quoted in a message: whole when short, else the clauses around the
 * figure (from the last ；or ， before it to the next one after it).
 */
export function quoteSentence(sentence: TextRange & { text: string }, range: TextRange, effective?: Effective): string {
  // A linked figure is quoted as the number it prints, not as its {{fig:…}} reference.
  const show = (quoted: string) => (effective ? resolveReferences(quoted, effective) : quoted);
  const { text } = sentence;
  if (text.length <= QUOTE_LIMIT) return show(text);
  const offset = range.start - sentence.start;
  const endOffset = range.end - sentence.start;
  const boundaryBefore = (marks: RegExp) => {
    for (let index = offset - 1; index >= 0; index -= 1) if (marks.test(text[index]!)) return index + 1;
    return 0;
  };
  const boundaryAfter = (marks: RegExp) => {
    for (let index = endOffset; index < text.length; index += 1) if (marks.test(text[index]!)) return index;
    return text.length;
  };
  let from = boundaryBefore(/[；;]/u);
  if (offset - from > QUOTE_LIMIT / 2) from = boundaryBefore(/[，,；;]/u);
  let to = boundaryAfter(/[；;]/u);
  if (to - endOffset > QUOTE_LIMIT / 2) to = boundaryAfter(/[，,；;]/u);
  return `${from > 0 ? "……" : ""}${show(text.slice(from, to))}${to < text.length ? "……" : ""}`;
}

const unitOf = (figure: LinkedFigure) => (figure.kind === "amount" ? AMOUNT_UNIT : COUNT_UNIT);

/** A rounded figure in prose agrees with the table's when it is the table's figure rounded or cut to its decimals. */
function statesValue(stated: number, decimals: number, table: number): boolean {
  if (decimals === 0 && Number.isInteger(table)) return stated === table;
  return Math.abs(stated - table) < 10 ** -decimals - 1e-9 || Math.abs(stated - table) < 1e-9;
}

const formatShare = (value: number, decimals: number) => value.toFixed(Math.max(decimals, 1));

/** The bases a share of applications is stated against: 办结 (三（七）总计), 收到申请总数, 本年新收. */
const shareBases: readonly FigureId[] = [
  applicationsCellId("results_total", "total"),
  applicationsCellId(RECEIVED_ROW, "total"),
  applicationsCellId("new", "total"),
];

function checkShare(stated: StatedFigure, base: number, effective: Effective): RuleResult | null {
  const share = stated.share!;
  const ratios = shareBases
    .map((id) => figureValue(getLinkedFigure(id), effective))
    .filter((value): value is number => typeof value === "number" && value > 0)
    .map((denominator) => (base / denominator) * 100);
  if (ratios.length === 0) return null;
  const tolerance = 10 ** -share.decimals + 1e-9;
  if (ratios.some((ratio) => Math.abs(ratio - share.value) <= tolerance)) return null;
  const expected = ratios[0]!;
  const figure = getLinkedFigure(stated.figureId);
  return ruleResult(
    "narrative.share_mismatch",
    figure.addends,
    Number(formatShare(expected, share.decimals)),
    share.value,
    `${stated.fieldLabel}：“${quoteSentence(stated.sentence, share, effective)}”——${figure.shortName} ${base} 件占` +
      `${getLinkedFigure(shareBases[0]!).shortName}总数的 ${formatShare(expected, share.decimals)}%，文中写的是 ${share.text}%`,
    { field: stated.field, start: share.start, end: share.end, sectionId: stated.sectionId ?? undefined },
  );
}

function checkStatedFigure(stated: StatedFigure, effective: Effective): RuleResult[] {
  const figure = getLinkedFigure(stated.figureId);
  const tableValue = figureValue(figure, effective);
  // A blank or “/” in the table has nothing to compare with; the blank-cell rule names it.
  if (typeof tableValue !== "number") return [];
  const candidates = [stated.figureId, ...stated.alternatives].map((id) => ({
    id,
    value: figureValue(getLinkedFigure(id), effective),
  }));
  const match = candidates.find(
    (candidate): candidate is { id: FigureId; value: number } =>
      typeof candidate.value === "number" && statesValue(stated.value, stated.decimals, candidate.value),
  );
  if (match) {
    const share = stated.share ? checkShare(stated, match.value, effective) : null;
    return share ? [share] : [];
  }
  const location: RuleLocation = {
    field: stated.field,
    start: stated.start,
    end: stated.end,
    sectionId: stated.sectionId ?? undefined,
    figureId: stated.figureId,
  };
  const quote = quoteSentence(stated.sentence, stated, effective);
  const unit = unitOf(figure);

  const received = figureValue(getLinkedFigure(applicationsCellId(RECEIVED_ROW, "total")), effective);
  if (stated.saysReceivedOnly && stated.figureId === applicationsCellId("new", "total") && received === stated.value) {
    const carriedOver = figureValue(getLinkedFigure(applicationsCellId("carried_over", "total")), effective);
    const newLabel = stripOrdinal(getApplicationRow("new").shortLabel);
    const carriedLabel = stripOrdinal(getApplicationRow("carried_over").shortLabel);
    return [
      ruleResult(
        "narrative.received_includes_carried_over",
        [applicationsCellId("new", "total"), applicationsCellId("carried_over", "total")],
        tableValue,
        stated.value,
        `${stated.fieldLabel}：“${quote}”——说收到申请 ${stated.text} 件，但这是${tableName("s3")}${newLabel}（${tableValue}）` +
          `加${carriedLabel}（${carriedOver}）之和：本年收到的是 ${tableValue} 件；若指两者合计，请写明“含${carriedLabel}${carriedOver}件”`,
        location,
      ),
    ];
  }

  const difference = Math.abs(stated.value - tableValue);
  const shareNote = stated.share ? `；随后的“占${stated.share.text}%”也请一并核对` : "";
  return [
    ruleResult(
      "narrative.figure_mismatch",
      figure.addends,
      tableValue,
      stated.value,
      `${stated.fieldLabel}：“${quote}”——所述${figure.shortName} ${stated.text} ${unit}，` +
        `与${tableName(figure.tableId)}的 ${tableValue} ${unit}不一致（相差 ${Number(difference.toFixed(6))}）${shareNote}。` +
        `可改为关联数字，随表格更新`,
      location,
    ),
  ];
}

const groupLabel = (group: string) =>
  reviewsLitigationColumnTree.find((node) => (group === LITIGATION_GROUP ? !node.key : node.key === group))!.label;

const claimedOutcomes: Record<Exclude<OutcomeClaim["claim"], "all_done">, readonly string[]> = {
  upheld: ["corrected", "pending"],
  concluded: ["pending"],
  none: ["total"],
};

function checkClaim(claim: OutcomeClaim, effective: Effective): RuleResult | null {
  const found: { text: string; value: number; figure: LinkedFigure }[] = [];
  for (const group of claim.groups) {
    if (group === "applications") {
      // 所有申请均已办理完成 leaves nothing for next year; 未收到申请 leaves nothing new.
      const figure = getLinkedFigure(applicationsCellId(claim.claim === "all_done" ? "carried_forward" : "new", "total"));
      const value = figureValue(figure, effective);
      if (typeof value === "number" && value > 0) found.push({ value, figure, text: `${figure.shortName} ${value} 件` });
      continue;
    }
    if (claim.claim === "all_done") continue;
    for (const outcome of claimedOutcomes[claim.claim]) {
      const figure = getLinkedFigure(reviewsLitigationCellId(`${group}.${outcome}`));
      const value = figureValue(figure, effective);
      if (typeof value === "number" && value > 0) {
        const outcomeLabel = reviewsLitigationColumnTree[0]!.children!.find((node) => node.key === outcome)!.label;
        found.push({ value, figure, text: `${groupLabel(group)}${outcomeLabel} ${value} 件` });
      }
    }
  }
  if (found.length === 0) return null;
  const said = claim.sentence.text.slice(claim.start - claim.sentence.start, claim.end - claim.sentence.start);
  return ruleResult(
    "narrative.outcome_claim",
    found.flatMap((item) => item.figure.addends),
    0,
    found.reduce((total, item) => total + item.value, 0),
    `${claim.fieldLabel}：“${quoteSentence(claim.sentence, claim, effective)}”——文中说“${said}”，但${tableName(found[0]!.figure.tableId)}有` +
      found.map((item) => item.text).join("、"),
    { field: claim.field, start: claim.start, end: claim.end, sectionId: claim.sectionId ?? undefined },
  );
}

/** narrative.*: the figures and outcome claims a report's text states, compared with its tables. */
export function checkNarrativeFigures(report: TReport): RuleResult[] {
  const { effective } = deriveLedger(report.ledger);
  const { figures, claims } = findStatedFigures(report);
  return [
    ...figures.flatMap((stated) => checkStatedFigure(stated, effective)),
    ...claims.flatMap((claim) => checkClaim(claim, effective) ?? []),
  ];
}

/** narrative.reference_unknown: a linked figure whose id names no figure of the tables. */
export function checkReferences(report: TReport): RuleResult[] {
  const results: RuleResult[] = [];
  for (const field of narrativeFields(report)) {
    for (const part of parseNarrativeText(field.text)) {
      if (part.type !== "reference" || part.figure) continue;
      results.push(
        ruleResult(
          "narrative.reference_unknown",
          [],
          null,
          null,
          `${field.label}：关联数字“${part.figureId}”不是表格中的数字，导出时无法显示，请重新插入`,
          { field: field.path, start: part.start, end: part.end, sectionId: field.sectionId ?? undefined },
        ),
      );
    }
  }
  return results;
}
