import {
  activeDisclosureCellId,
  activeDisclosureColumn,
  activeDisclosureRow,
  applicantColumns,
  applicationsCellId,
  getApplicationRow,
  tableName,
  tableSection,
} from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { getRule } from "@/lib/format/rule-catalogue";
import { deriveLedger, isBlank, numericValue } from "@/lib/ledger/derive-ledger";
import { narrativeFields, OPENING_PARAGRAPH_FIELD } from "@/lib/narrative/narrative-fields";
import { REPEAT_RUN, repeatedShare } from "@/lib/narrative/similarity";
import { CARRIED_FORWARD_ROW, CARRIED_OVER_ROW } from "@/lib/report/carried-over";
import type { TReport } from "@/lib/report/report-schema";
import { compareKeyFigures, describeChange, TREND_FACTOR, trendSentence, unitOfFigure } from "@/lib/report/year-comparison";

const rowLabel = (key: string) => getApplicationRow(key).shortLabel;

/**
 * 上年结转(Y) = 结转下年度继续办理(Y−1), per column of 表三. A merger or a split of
 * agencies can break it legitimately; staff then explain it in the narrative.
 */
export function checkCarriedOver(current: TReport, previous: TReport): RuleResult[] {
  const now = deriveLedger(current.ledger).effective;
  const before = deriveLedger(previous.ledger).effective;
  const rule = getRule("cross_year.carried_over");
  const results: RuleResult[] = [];
  for (const column of applicantColumns) {
    const carriedOverId = applicationsCellId(CARRIED_OVER_ROW, column.key);
    const carriedOver = now[carriedOverId];
    const carriedForward = before[applicationsCellId(CARRIED_FORWARD_ROW, column.key)];
    if (isBlank(carriedOver) && isBlank(carriedForward)) continue;
    const actual = numericValue(carriedOver);
    const expected = numericValue(carriedForward);
    if (actual === expected) continue;
    results.push({
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [carriedOverId],
      expected,
      actual,
      message:
        `${tableName("s3")} ${column.label}列 跨年度衔接：${rowLabel(CARRIED_OVER_ROW)}（${actual}）不等于` +
        `${previous.info.year}年报告的${rowLabel(CARRIED_FORWARD_ROW)}（${expected}），相差 ${Math.abs(actual - expected)}`,
    });
  }
  return results;
}

const IN_FORCE_ROWS = ["regulations", "normative_documents"] as const;

/**
 * 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), for 规章 and 行政规范性文件. Documents
 * that lapse without a formal repeal, or a clean-up, break it legitimately: a warning that asks why.
 */
export function checkInForceChain(current: TReport, previous: TReport): RuleResult[] {
  const rule = getRule("cross_year.in_force_chain");
  const results: RuleResult[] = [];
  for (const rowKey of IN_FORCE_ROWS) {
    const id = (columnKey: string) => activeDisclosureCellId(rowKey, columnKey);
    const before = previous.ledger[id("in_force")];
    const issued = current.ledger[id("issued")];
    const repealed = current.ledger[id("repealed")];
    const inForce = current.ledger[id("in_force")];
    if (typeof before !== "number" || typeof issued !== "number" || typeof repealed !== "number" || typeof inForce !== "number")
      continue;
    const expected = before + issued - repealed;
    if (expected === inForce) continue;
    const label = (columnKey: string) => activeDisclosureColumn(columnKey).label;
    results.push({
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [id("issued"), id("repealed"), id("in_force")],
      expected,
      actual: inForce,
      message:
        `${tableName("s2")}「${activeDisclosureRow(rowKey).label}」${label("in_force")}（${inForce}）不等于` +
        `${previous.info.year}年报告的${label("in_force")}（${before}）+ ${label("issued")}（${issued}）− ${label("repealed")}（${repealed}）= ${expected}，` +
        `相差 ${Math.abs(expected - inForce)}：如有文件到期失效、集中清理等情况，请在文字中说明原因`,
      location: { sectionId: "active_disclosure" },
    });
  }
  return results;
}

/** 宿迁 and other local assessments deduct points when more than half repeats last year's report. */
export const REPEATED_TEXT_LIMIT = 0.5;

/** cross_year.text_repeated: the body text (not the formulaic opening paragraph) more than half last year's. */
export function checkTextRepeated(current: TReport, previous: TReport): RuleResult[] {
  const body = (report: TReport) => narrativeFields(report).filter((field) => field.path !== OPENING_PARAGRAPH_FIELD);
  const now = body(current);
  const before = body(previous)
    .map((field) => field.text)
    .join("\n");
  const share = repeatedShare(now.map((field) => field.text).join("\n"), before);
  if (share <= REPEATED_TEXT_LIMIT) return [];
  const rule = getRule("cross_year.text_repeated");
  const mostRepeated = now
    .map((field) => ({ field, share: repeatedShare(field.text, before) }))
    .filter((item) => item.share > REPEATED_TEXT_LIMIT && item.field.text.trim() !== "")
    .map((item) => `${item.field.label}（${Math.round(item.share * 100)}%）`);
  return [
    {
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [],
      expected: REPEATED_TEXT_LIMIT * 100,
      actual: Math.round(share * 100),
      message:
        `正文约 ${Math.round(share * 100)}% 与${previous.info.year}年报告相同（连续 ${REPEAT_RUN} 字相同计为重复），超过一半：` +
        `各地考核对与上年度重复率大于 50% 的年报扣分，请按本年度工作情况改写${mostRepeated.length > 0 ? `。重复较多的是：${mostRepeated.join("、")}` : ""}`,
    },
  ];
}

/**
 * trend.jump / trend.zero: a key figure far from last year's (beyond ×5 or below ×0.2) or fallen
 * to 0 from many. Real changes happen (a new 行政许可 power, a campaign of requests): a warning
 * that names both years and offers the sentence that explains it.
 */
export function checkTrends(current: TReport, previous: TReport): RuleResult[] {
  const results: RuleResult[] = [];
  for (const change of compareKeyFigures(current.ledger, previous.ledger)) {
    if (!change.trend) continue;
    const rule = getRule(change.trend === "jump" ? "trend.jump" : "trend.zero");
    const { figure } = change;
    const unit = unitOfFigure(figure);
    const what =
      change.trend === "zero"
        ? `本年为 0，上年有 ${change.lastYear} ${unit}`
        : `${describeChange(change)}${change.percent !== null ? `（${change.percent > 0 ? `超过上年的 ${TREND_FACTOR} 倍` : `不到上年的 1/${TREND_FACTOR}`}）` : ""}`;
    results.push({
      ruleId: rule.id,
      severity: rule.severity,
      cellIds: [...figure.addends],
      expected: change.lastYear,
      actual: change.thisYear,
      message:
        `${figure.name}：${current.info.year}年 ${change.thisYear} ${unit}，${previous.info.year}年 ${change.lastYear} ${unit}，${what}。` +
        `请核对数字；变化属实的，请在文字中说明原因，如：“${trendSentence(change, { linked: false })}”`,
      location: { sectionId: tableSection(figure.tableId).id },
    });
  }
  return results;
}
