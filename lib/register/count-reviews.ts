// 表四 counted from the register of 行政复议 and 行政诉讼 cases: a case received (立案) in the year is
// counted under its kind, with its result; one not closed by 31 December is 尚未审结.
import {
  type CellId,
  type HeaderNode,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  reviewsLitigationColumnTree,
} from "@/lib/format";
import {
  duplicateNumbers,
  isBlank,
  quoted,
  type RegisterCount,
  type RegisterRow,
  registerCount,
  type WaitingCase,
} from "./register-cases";
import { type Day, readRegisterDate } from "./register-dates";
import { bySynonym, normaliseWord } from "./register-words";

/** The columns a cases register is read by; `closed` (结案日期) is optional. */
export type ReviewField = "received" | "kind" | "result" | "closed";

/** The case kinds and outcomes, as 表四's column groups and outcome columns (from the format). */
export const reviewKinds: readonly string[] = [
  ...new Set(reviewsLitigationColumns.filter((column) => column.sumOf === null).map((column) => column.key.split(".")[0]!)),
];
export const reviewOutcomes: readonly string[] = [
  ...new Set(reviewsLitigationColumns.filter((column) => column.sumOf === null).map((column) => column.key.split(".")[1]!)),
];
const PENDING = "pending";

export type ReviewWords = {
  /** kind word → review | litigation_direct | litigation_after_review */
  kinds: ReadonlyMap<string, string>;
  /** result word → upheld | corrected | other | pending */
  results: ReadonlyMap<string, string>;
};

export type ReviewsCount = RegisterCount;

/** The format's own labels: each group's (行政复议 …) and each outcome's (结果维持 …), by key. */
const formatLabels = (level: 0 | 1): Record<string, string[]> => {
  const labels: Record<string, string[]> = {};
  const visit = (nodes: readonly HeaderNode[]) => {
    for (const node of nodes) {
      const isGroup = Boolean(node.children?.some((child) => !child.children));
      if (level === 0 && node.key && isGroup) labels[node.key] = [node.label];
      if (level === 1 && node.key && !node.children && !node.sumOfPrecedingSiblings) labels[node.key] = [node.label];
      if (node.children) visit(node.children);
    }
  };
  visit(reviewsLitigationColumnTree);
  return labels;
};

/** Words registers use beyond the labels, added to them by key. */
const withLabels = (level: 0 | 1, extra: Record<string, readonly string[]>) =>
  Object.fromEntries(Object.entries(formatLabels(level)).map(([key, labels]) => [key, [...labels, ...(extra[key] ?? [])]]));

const kindSynonyms = withLabels(0, {
  review: ["复议"],
  litigation_direct: ["直接起诉", "行政诉讼直接起诉"],
  litigation_after_review: ["经复议后起诉", "行政诉讼复议后起诉"],
});
const outcomeSynonyms = withLabels(1, {
  upheld: ["维持", "驳回", "驳回诉讼请求", "驳回复议申请", "维持原行政行为"],
  corrected: ["纠正", "撤销", "确认违法", "责令履行", "变更", "责令重新答复", "撤销并责令重新答复"],
  other: ["其他", "撤诉", "撤回", "终止", "和解", "调解", "驳回起诉"],
  pending: ["未审结", "审理中", "在审", "未结案", "正在审理"],
});

/** The 表四 group a register's word for the kind of case most likely means; null to ask (行政诉讼 alone says neither). */
export const guessReviewKind = (text: string): string | null => bySynonym(normaliseWord(text), kindSynonyms);

/** The 表四 outcome a register's word most likely means; null to ask. */
export const guessReviewOutcome = (text: string): string | null => bySynonym(normaliseWord(text), outcomeSynonyms);

export function countReviews(rows: readonly RegisterRow[], words: ReviewWords, year: number): ReviewsCount {
  const first: Day = `${year}-01-01`;
  const last: Day = `${year}-12-31`;
  const counted = reviewKinds.flatMap((kind) => reviewOutcomes.map((outcome) => reviewsLitigationCellId(`${kind}.${outcome}`)));
  const cases = new Map<CellId, number[]>(counted.map((id) => [id, []]));
  const waiting: WaitingCase[] = [];
  const duplicates = duplicateNumbers(rows);
  let outsideYear = 0;

  for (const row of rows) {
    const { received: receivedValue, kind: kindValue, result, closed: closedValue } = row.cells;
    if ([receivedValue, kindValue, result, closedValue].every(isBlank) && row.number.trim() === "") continue;
    const reasons: string[] = [];
    const duplicate = duplicates.get(row.rowNumber);
    if (duplicate) reasons.push(duplicate);
    const received = readRegisterDate(receivedValue);
    const closed = readRegisterDate(closedValue);
    if (received === null) reasons.push("收到（立案）日期为空");
    else if (received === "invalid") reasons.push(`收到（立案）日期${quoted(receivedValue)}不是有效的日期`);
    if (closed === "invalid") reasons.push(`结案日期${quoted(closedValue)}不是有效的日期`);
    if (reasons.length > 0 || received === null || received === "invalid" || closed === "invalid") {
      waiting.push({ rowNumber: row.rowNumber, number: row.number, reasons });
      continue;
    }
    if (closed !== null && closed < received) reasons.push(`结案日期 ${closed} 早于收到（立案）日期 ${received}`);
    if (received < first || received > last) {
      if (reasons.length === 0) {
        outsideYear += 1;
        continue;
      }
    }

    const kind = isBlank(kindValue) ? undefined : words.kinds.get(normaliseWord(String(kindValue)));
    if (isBlank(kindValue)) reasons.push("案件类型为空");
    else if (!kind || !reviewKinds.includes(kind)) reasons.push(`案件类型${quoted(kindValue)}还没有对应到表四的列`);
    // Closed after the year (or not at all, where the register keeps 结案日期): 尚未审结 at the year's end.
    const openAtEnd = closedValue !== undefined && (closed === null || closed > last);
    let outcome: string | undefined;
    if (openAtEnd) outcome = PENDING;
    else if (isBlank(result)) reasons.push("审理结果为空");
    else {
      outcome = words.results.get(normaliseWord(String(result)));
      if (!outcome || !reviewOutcomes.includes(outcome)) reasons.push(`审理结果${quoted(result)}还没有对应到表四的列`);
      else if (outcome === PENDING && closed !== null)
        reasons.push(`已有结案日期 ${closed}，但审理结果${quoted(result)}表示尚未审结`);
    }
    if (reasons.length > 0 || !kind || !outcome) {
      waiting.push({ rowNumber: row.rowNumber, number: row.number, reasons });
      continue;
    }
    cases.get(reviewsLitigationCellId(`${kind}.${outcome}`))!.push(row.rowNumber);
  }

  return registerCount(cases, waiting, outsideYear);
}
