import { COUNT_UNIT, REPORT_NAME } from "@/lib/format";
import type { TReport } from "./report-schema";

/**
 * The fixed wording of a report that more than the document uses: the title pattern the
 * structure rules and the importer compare against, and the sentence on 信息处理费.
 */

/** What a draft prints where 机关全称 or 年度 is not filled in yet, as a blank in a printed form. */
export const UNFILLED = "××××";

/** 信息处理费 is charged in 元 (国办函〔2020〕109号), unlike the 万元 of 表二. */
const YUAN = "元";

/** “{年}年政府信息公开工作年度报告”, the second line of the title. */
export const yearTitle = (year: number | null): string => `${year ?? UNFILLED}年${REPORT_NAME}`;

/** The agency as printed: its name, or the blank of a printed form. */
export const agencyText = (agencyName: string) => agencyName.trim() || UNFILLED;

/** “{机关}{年}年政府信息公开工作年度报告”, the title pattern of every report (domain §7). */
export const reportTitle = (info: Pick<TReport["info"], "agencyName" | "year">): string =>
  `${agencyText(info.agencyName)}${yearTitle(info.year)}`;

/** The sentence on 信息处理费 in section 六, from the parts that are filled; null when none is. */
export function processingFeesSentence(fees: TReport["narrative"]["other_matters"]["processingFees"]): string | null {
  const { noticesIssued, noticedAmount, collectedAmount } = fees;
  const amounts: string[] = [];
  if (noticedAmount !== null) amounts.push(`通知金额${noticedAmount}${YUAN}`);
  if (collectedAmount !== null) amounts.push(`实际收取${collectedAmount}${YUAN}`);
  if (noticesIssued === null && amounts.length === 0) return null;
  const parts = noticesIssued !== null ? [`发出信息处理费收费通知${noticesIssued}${COUNT_UNIT}`, ...amounts] : amounts;
  return `本年度${noticesIssued !== null ? "" : "信息处理费"}${parts.join("，")}。`;
}
