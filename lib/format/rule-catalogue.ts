import {
  AMOUNT_UNIT,
  activeDisclosureRow,
  applicantColumns,
  getApplicationRow as applicationRow,
  applicationRows,
  type CellId,
  FIRST_REPORT_YEAR,
  getSection,
  LAST_REPORT_YEAR,
  MAX_AMOUNT_DECIMALS,
  MAX_FIGURE,
  REPORT_NAME,
  reviewsLitigationColumns,
  type SectionId,
  sectionHeading,
  tableName,
} from "@/lib/format";
import { type FigureId, stripOrdinal } from "@/lib/format/linked-figures";
import { TREND_FACTOR } from "./trend-limits";

export type RuleSeverity = "error" | "warning";

export type LedgerRuleId =
  | "s3.balance"
  | "s3.results_total"
  | "s3.row_total"
  | "s4.group_total"
  | "value.count"
  | "value.amount"
  | "ledger.blank"
  | "ledger.not_applicable"
  | "s2.regulations_nonzero"
  | "s2.normative_in_force_below_issued"
  | "cross_year.carried_over"
  | "input.rejected"
  | "info.agency_name"
  | "info.year"
  | "narrative.figure_mismatch"
  | "narrative.received_includes_carried_over"
  | "narrative.share_mismatch"
  | "narrative.outcome_claim"
  | "narrative.reference_unknown"
  | "structure.section_empty"
  | "structure.title"
  | "structure.contents_list"
  | "structure.problems_none"
  | "structure.heading_order"
  | "structure.heading_level"
  | "text.repeated_word"
  | "text.markdown_marks"
  | "text.halfwidth_punctuation"
  | "s6.fee_notices"
  | "cross_year.in_force_chain"
  | "cross_year.narrative_unedited"
  | "cross_year.text_repeated"
  | "trend.jump"
  | "trend.zero"
  | "import.unconfirmed"
  | "import.pending";

/** A broken rule as every check reports it, from the keystroke to the CLI. */
export type RuleResult = {
  ruleId: LedgerRuleId;
  severity: RuleSeverity;
  /** Every cell the result involves, so the editor can mark each of them. */
  cellIds: CellId[];
  expected: number | null;
  actual: number | null;
  message: string;
  /** The sentence, field or section a result concerns, for rules on the report's text and structure. */
  location?: RuleLocation;
};

export type RuleDefinition = {
  id: LedgerRuleId;
  severity: RuleSeverity;
  title: string;
  /** The button that applies a result's `location.replacement` in the editor, for rules whose results carry one. */
  fix?: string;
};

/**
 * Where a result sits beyond its cells, so the editor can show it at the sentence, the
 * field or the section badge. `start`/`end` index the field's text as JavaScript strings
 * do (UTF-16 code units); `figureId` is the linked figure that 改为关联数字 puts in that range.
 */
export type RuleLocation = {
  /** Dotted path of a text field in the report JSON, e.g. `narrative.overview.topics.1.body`. */
  field?: string;
  start?: number;
  end?: number;
  /** The text that fixes [start, end) in one click (the rule's `fix` button). */
  replacement?: string;
  sectionId?: SectionId;
  figureId?: FigureId;
};

const totalColumn = applicantColumns.find((column) => column.sumOf)!;
const resultsTotalRow = applicationRows.find((row) => row.sumOf)!;
const reviewsTotal = reviewsLitigationColumns.find((column) => column.sumOf)!;
const reviewsOutcomeLabels = reviewsLitigationColumns
  .filter((column) => reviewsTotal.sumOf!.includes(column.key))
  .map((column) => column.label);
const regulationsRow = activeDisclosureRow("regulations");
const normativeRow = activeDisclosureRow("normative_documents");

/** Every ledger rule with its stable id, severity and the Chinese name shown to staff. */
export const ruleCatalogue: readonly RuleDefinition[] = [
  {
    id: "s3.balance",
    severity: "error",
    title: `${tableName("s3")}勾稽关系`,
  },
  { id: "s3.results_total", severity: "error", title: `${tableName("s3")}${resultsTotalRow.label}等于各项办理结果之和` },
  { id: "s3.row_total", severity: "error", title: `${tableName("s3")}${totalColumn.label}列等于各类申请人之和` },
  {
    id: "s4.group_total",
    severity: "error",
    title: `${tableName("s4")}${reviewsTotal.label}等于${reviewsOutcomeLabels.join("、")}之和`,
  },
  { id: "value.count", severity: "error", title: `件数为 0 至 ${MAX_FIGURE} 之间的整数` },
  {
    id: "value.amount",
    severity: "error",
    title: `金额（${AMOUNT_UNIT}）不小于 0，最多 ${MAX_AMOUNT_DECIMALS} 位小数`,
  },
  // One rule for blank cells: an error since a report must print a figure or “/” in every cell
  // (issue 12 完整性); the editor defers showing it until staff have worked in a table.
  { id: "ledger.blank", severity: "error", title: "表格不留空白单元格（每格填数字或“/”）" },
  { id: "ledger.not_applicable", severity: "warning", title: "申请和复议诉讼件数不填“/”" },
  { id: "s2.regulations_nonzero", severity: "warning", title: `${tableName("s2")}「${regulationsRow.label}」通常为 0` },
  {
    id: "s2.normative_in_force_below_issued",
    severity: "warning",
    title: `${tableName("s2")}「${normativeRow.label}」现行有效不少于本年制发`,
  },
  {
    id: "cross_year.carried_over",
    severity: "error",
    title: `${tableName("s3")}${stripOrdinal(applicationRow("carried_over").shortLabel)}等于上年度报告的${stripOrdinal(applicationRow("carried_forward").label)}`,
  },
  { id: "input.rejected", severity: "error", title: "填写的内容不是有效的数字或年份" },
  { id: "info.agency_name", severity: "error", title: "填写机关全称" },
  {
    id: "info.year",
    severity: "error",
    title: `填写报告年度（${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 年）`,
  },
  { id: "narrative.figure_mismatch", severity: "warning", title: "文字所述数字与表格一致" },
  {
    id: "narrative.received_includes_carried_over",
    severity: "warning",
    title: `“收到”的申请数不含${stripOrdinal(applicationRow("carried_over").shortLabel)}（合计须写明）`,
  },
  { id: "narrative.share_mismatch", severity: "warning", title: "文字所述“占N%”与表格一致" },
  {
    id: "narrative.outcome_claim",
    severity: "warning",
    title: "“均获维持”“未发生行政复议”“未收到申请”“所有申请均已办理完成”等说法与表格一致",
  },
  { id: "narrative.reference_unknown", severity: "error", title: "关联数字指向存在的表格数字" },
  { id: "structure.section_empty", severity: "error", title: "六个部分都有内容" },
  { id: "structure.title", severity: "error", title: `标题为“{机关全称}{年度}年${REPORT_NAME}”` },
  { id: "structure.contents_list", severity: "warning", title: "开头所列各部分与六个部分一致" },
  { id: "structure.problems_none", severity: "warning", title: `${sectionHeading(getSection("problems"))}不只写“无”` },
  { id: "structure.heading_order", severity: "warning", title: "文中标题按顺序编号，不重复、不跳号" },
  { id: "structure.heading_level", severity: "warning", title: "部分之中的标题不与部分同级，同一层标题只用一种序号" },
  { id: "text.repeated_word", severity: "warning", title: "没有连写两次的词语（如“资金资金”）" },
  { id: "text.markdown_marks", severity: "warning", title: "文字中没有 Markdown 标记（如“**”“##”）", fix: "删去标记" },
  {
    id: "text.halfwidth_punctuation",
    severity: "warning",
    title: "中文里用全角标点（“，”不是“,”；数字、网址、邮箱和英文中的除外）",
    fix: "改为全角标点",
  },
  {
    id: "s6.fee_notices",
    severity: "warning",
    title: `${tableName("s3")}有逾期未缴费时，六写明信息处理费收费通知件数`,
  },
  {
    id: "cross_year.in_force_chain",
    severity: "warning",
    title: `${tableName("s2")}现行有效件数 = 上年现行有效 + 本年制发 − 本年废止`,
  },
  { id: "cross_year.narrative_unedited", severity: "warning", title: "文字不停留在“沿用上年内容”" },
  { id: "cross_year.text_repeated", severity: "warning", title: "正文与上年度报告重复不超过一半" },
  // Warnings, never errors: a real change (a new power, a campaign of requests) is explained, not forbidden.
  {
    id: "trend.jump",
    severity: "warning",
    title: `主要数字与上年相比超过 ${TREND_FACTOR} 倍或不到 1/${TREND_FACTOR} 的，写明原因`,
  },
  { id: "trend.zero", severity: "warning", title: "上年较多、本年为 0 的主要数字，写明原因" },
  // An error: a figure the importer could not read with certainty must not reach an official export or a submission.
  { id: "import.unconfirmed", severity: "error", title: "导入的数字未经确认（请核对）" },
  // A warning in place of a sum or a contradiction that rests on a figure not yet confirmed: no alarm on an unread cell.
  { id: "import.pending", severity: "warning", title: "待核对导入的数字后再判断的检查" },
];

export function getRule(id: LedgerRuleId): RuleDefinition {
  const rule = ruleCatalogue.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
