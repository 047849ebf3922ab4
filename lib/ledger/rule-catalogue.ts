import {
  AMOUNT_UNIT,
  applicantColumns,
  applicationRows,
  activeDisclosureRow,
  reviewsLitigationColumns,
  tableName,
} from "@/lib/format";
import { MAX_AMOUNT_DECIMALS } from "./normalise-entry";

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
  | "import.unconfirmed";

export type RuleDefinition = { id: LedgerRuleId; severity: RuleSeverity; title: string };

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
  { id: "value.count", severity: "error", title: "件数为不小于 0 的整数" },
  {
    id: "value.amount",
    severity: "error",
    title: `金额（${AMOUNT_UNIT}）不小于 0，最多 ${MAX_AMOUNT_DECIMALS} 位小数`,
  },
  { id: "ledger.blank", severity: "warning", title: "表格不留空白单元格" },
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
    title: `${tableName("s3")}上年结转等于上年度报告的结转下年度继续办理`,
  },
  { id: "input.rejected", severity: "error", title: "单元格内容不是有效的数字" },
  // An error: a figure the importer could not read with certainty must not reach an official export or a submission.
  { id: "import.unconfirmed", severity: "error", title: "导入的数字未经确认（请核对）" },
];

export function getRule(id: LedgerRuleId): RuleDefinition {
  const rule = ruleCatalogue.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
