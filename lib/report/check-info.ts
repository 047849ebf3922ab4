import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule, type LedgerRuleId } from "@/lib/format/rule-catalogue";
import { reportFieldLabel } from "./report-fields";
import type { TReport } from "./report-schema";

const fieldResult = (ruleId: LedgerRuleId, field: string, message: string, actual: number | null = null): RuleResult => ({
  ruleId,
  severity: getRule(ruleId).severity,
  cellIds: [],
  location: { field },
  expected: null,
  actual,
  message,
});

/**
 * The report's identity: a draft may be saved without it, but an official export needs
 * the agency and a year the 条例 covers (in force since 2008).
 */
export function checkInfo(report: TReport): RuleResult[] {
  const results: RuleResult[] = [];
  const { agencyName, year } = report.info;
  if (agencyName.trim() === "") {
    results.push(
      fieldResult(
        "info.agency_name",
        "info.agencyName",
        `${reportFieldLabel("info.agencyName")}未填写：请填写机关的全称（如“湘潭县人民政府”），它印在标题和落款中`,
      ),
    );
  }
  if (year === null) {
    results.push(
      fieldResult("info.year", "info.year", `${reportFieldLabel("info.year")}未填写：请填写报告所属的年度（四位数字，如 2025）`),
    );
  } else if (year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    results.push(
      fieldResult(
        "info.year",
        "info.year",
        `${reportFieldLabel("info.year")} ${year} 不可能：年度报告从 ${FIRST_REPORT_YEAR} 年起编制，请填写 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间的年份`,
        year,
      ),
    );
  }
  return results;
}
