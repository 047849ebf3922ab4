import {
  applicationRowName,
  applicationsCellId,
  getApplicationRow,
  getSection,
  reportSections,
  type SectionId,
  sectionHeading,
  tableCells,
  tableName,
} from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { deriveLedger, isBlank } from "@/lib/ledger/derive-ledger";
import { chineseNumeral } from "@/lib/report/chinese-numeral";
import type { TReport } from "@/lib/report/report-schema";
import { processingFeesSentence, reportTitle } from "@/lib/report/report-wording";
import {
  narrativeFields,
  OPENING_PARAGRAPH_FIELD,
  OTHER_MATTERS_FIELD,
  OVERVIEW_INTRO_FIELD,
  PROBLEMS_FIELD,
  topicField,
} from "./narrative-fields";
import { CHINESE_NUMERAL_CHARS, foldDigits, parseArabicFigure, parseChineseNumeral } from "./numerals";
import { ruleResult } from "./rule-result";

const heading = (id: SectionId) => sectionHeading(getSection(id));
const hasText = (text: string) => text.trim() !== "";
const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "");

function sourceNote(report: TReport, id: SectionId): string {
  if (report.importedSections?.absent.includes(id)) return "原报告缺少此部分";
  if (report.importedSections?.empty.includes(id)) return "原报告此部分只有标题、没有内容";
  return "";
}

/** structure.section_empty: 一、五、六 need text; 二、三、四 need their table when an import found the section missing or empty. */
function checkSectionsFilled(report: TReport): RuleResult[] {
  const { narrative, ledger } = report;
  const results: RuleResult[] = [];
  const textFilled: Partial<Record<SectionId, { filled: boolean; field: string }>> = {
    overview: {
      filled: hasText(narrative.overview.intro) || narrative.overview.topics.some((topic) => hasText(topic.body)),
      field: OVERVIEW_INTRO_FIELD,
    },
    problems: { filled: hasText(narrative.problems.body), field: PROBLEMS_FIELD },
    other_matters: {
      filled: hasText(narrative.other_matters.body) || processingFeesSentence(narrative.other_matters.processingFees) !== null,
      field: OTHER_MATTERS_FIELD,
    },
  };
  for (const section of reportSections) {
    const note = sourceNote(report, section.id);
    if (section.tableId === null) {
      const text = textFilled[section.id];
      if (!text || text.filled) continue;
      results.push(
        ruleResult(
          "structure.section_empty",
          [],
          null,
          null,
          `${sectionHeading(section)}：没有内容${note ? `（${note}）` : ""}。${section.hint}`,
          { field: text.field, sectionId: section.id },
        ),
      );
      continue;
    }
    // A new report's empty table is named by ledger.blank; an imported report also learns which section its source lacked.
    if (!note) continue;
    const entered = tableCells(section.tableId).filter((cell) => !cell.computedFrom);
    if (!entered.every((cell) => isBlank(ledger[cell.id]))) continue;
    results.push(
      ruleResult(
        "structure.section_empty",
        entered.map((cell) => cell.id),
        null,
        null,
        `${sectionHeading(section)}：${note}，${tableName(section.tableId)}没有数字。请按国家格式填报${tableName(section.tableId)}`,
        { sectionId: section.id },
      ),
    );
  }
  return results;
}

/** structure.title: the published or typed title is the standard one, or staff confirmed it as approved. */
function checkTitle(report: TReport): RuleResult[] {
  const { info } = report;
  if (info.title === null || info.titleApproved) return [];
  // Without 机关全称 or 年度 there is no standard title to compare with; info.agency_name / info.year say so.
  if (info.agencyName.trim() === "" || typeof info.year !== "number") return [];
  const standard = reportTitle(info);
  if (squeeze(info.title) === squeeze(standard)) return [];
  return [
    ruleResult(
      "structure.title",
      [],
      null,
      null,
      `标题“${info.title.trim()}”与规定的“${standard}”不一致：请改用规定的标题；如确为本机关批准的标题，请确认后保留`,
      { field: "info.title" },
    ),
  ];
}

/** How a list of the report's parts names each section; 四 and 五 also appear in the 条例's wording. */
const sectionMentions: Readonly<Record<SectionId, RegExp>> = {
  overview: new RegExp(`${getSection("overview").title}|概述|概况`, "u"),
  active_disclosure: new RegExp(getSection("active_disclosure").title.slice(0, 4), "u"),
  applications: new RegExp(`${getSection("applications").title.slice(0, 5)}|收到及处理|处理政府信息公开申请|依申请公开`, "u"),
  reviews_litigation: /复议|诉讼/u,
  problems: /问题/u,
  other_matters: new RegExp(`${getSection("other_matters").title.slice(0, 4)}|其他需报告|其他事项|需要说明的事项`, "u"),
};
const LIST_OPENING = /(?:全文|本报告|本年度报告|年度报告|本年报|年报|报告)(?:主要)?(?:包括|包含|由|分为|共分为|共有)/gu;
const PART_COUNT = new RegExp(`([${CHINESE_NUMERAL_CHARS}\\d]+)\\s*(?:个|大)?\\s*(?:组成)?部分`, "u");

/** structure.contents_list: “全文包括……共六部分” names all six sections and counts them right. */
function checkContentsList(report: TReport): RuleResult[] {
  const results: RuleResult[] = [];
  const fields = narrativeFields(report).filter(
    (field) => field.path === OPENING_PARAGRAPH_FIELD || field.path === OVERVIEW_INTRO_FIELD,
  );
  for (const field of fields) {
    const text = foldDigits(field.text);
    for (const opening of text.matchAll(LIST_OPENING)) {
      const start = opening.index;
      const stop = text.indexOf("。", start);
      const end = stop === -1 ? text.length : stop;
      const list = text.slice(start, end);
      const named = reportSections.filter((section) => sectionMentions[section.id].test(list));
      const countMatch = PART_COUNT.exec(list);
      const stated = countMatch
        ? /^\d+$/.test(countMatch[1]!)
          ? Number(countMatch[1])
          : parseChineseNumeral(countMatch[1]!)
        : null;
      // “本报告由某办公室编制” is no list of parts.
      if (named.length < 3 && stated === null) continue;
      const missing = reportSections.filter((section) => !named.includes(section));
      // Items are separated by 、; the last two are often joined by 及 instead, hence the named sections as a floor.
      const listEnd = countMatch ? countMatch.index : list.length;
      // 四's own heading (行政复议、行政诉讼情况) holds a 、 of its own.
      const items = list
        .slice(0, listEnd)
        .replace(/复议、(?:提起)?(?:行政)?诉讼/gu, "复议和诉讼")
        .split("、");
      const listed = Math.max(named.length, items.length);
      const problems: string[] = [];
      if (missing.length > 0) problems.push(`未列出${missing.map((section) => sectionHeading(section)).join("、")}`);
      if (stated !== null && stated !== listed) {
        problems.push(`说共${countMatch![1]}部分，实际列出${chineseNumeral(listed)}部分`);
      } else if (stated !== null && stated !== reportSections.length) {
        problems.push(`说共${countMatch![1]}部分，报告应有${chineseNumeral(reportSections.length)}部分`);
      }
      if (problems.length === 0) continue;
      results.push(
        ruleResult(
          "structure.contents_list",
          [],
          reportSections.length,
          stated ?? named.length,
          `${field.label}：“${field.text.slice(start, end).replace(/\s+/gu, "")}”——${problems.join("；")}。报告由${reportSections
            .map((section) => section.title)
            .join("、")}${chineseNumeral(reportSections.length)}部分组成`,
          { field: field.path, start, end, sectionId: field.sectionId ?? undefined },
        ),
      );
    }
  }
  return results;
}

/** A 五 that only says there is nothing: “无”, “暂无”, or a few characters. */
const ONLY_NONE = /^(?:无|暂无|没有|无问题|暂无问题|无明显问题|无其他|无此项|不存在)$/u;
const MIN_PROBLEMS_LENGTH = 10;

/** structure.problems_none: 五 states the problems and the measures taken, not just “无”. */
function checkProblemsNotNone(report: TReport): RuleResult[] {
  const body = report.narrative.problems.body;
  if (!hasText(body)) return [];
  const wording = body.normalize("NFKC").replace(/[\s\p{P}]/gu, "");
  if (!ONLY_NONE.test(wording) && wording.length >= MIN_PROBLEMS_LENGTH) return [];
  return [
    ruleResult(
      "structure.problems_none",
      [],
      null,
      null,
      `${heading("problems")}只写了“${body.trim()}”：${getSection("problems").hint}`,
      { field: PROBLEMS_FIELD, sectionId: "problems" },
    ),
  ];
}

const FEE_UNPAID_ROW = "other.fee_unpaid";
const FEE_NOTICE = /收费通知|缴费通知/u;
const NOTICE_COUNT = new RegExp(`(\\d+|[${CHINESE_NUMERAL_CHARS}]+)\\s*(?:件|份|次|个)`, "gu");

/** The fee notices 六 states: the structured count, else “发出收费通知N件” in its text; the largest if several. */
function statedFeeNotices(report: TReport): number | null {
  const { noticesIssued } = report.narrative.other_matters.processingFees;
  if (noticesIssued !== null) return noticesIssued;
  let stated: number | null = null;
  for (const clause of foldDigits(report.narrative.other_matters.body).split(/[，,；;。\n]/u)) {
    if (!FEE_NOTICE.test(clause)) continue;
    for (const match of clause.matchAll(NOTICE_COUNT)) {
      const value = /^\d/.test(match[1]!) ? parseArabicFigure(match[1]!) : parseChineseNumeral(match[1]!);
      if (value !== null) stated = Math.max(stated ?? 0, value);
    }
  }
  return stated;
}

/**
 * s6.fee_notices: requests dropped for an unpaid fee (表三（六）2) mean fee notices were
 * issued, so 六 reports at least that many. 表二's 行政事业性收费 is another fee altogether
 * (domain §4.4 rule 11) and plays no part here.
 */
function checkFeeNotices(report: TReport): RuleResult[] {
  const cellId = applicationsCellId(FEE_UNPAID_ROW, "total");
  const unpaid = deriveLedger(report.ledger).effective[cellId];
  if (typeof unpaid !== "number" || unpaid <= 0) return [];
  const stated = statedFeeNotices(report);
  if (stated !== null && stated >= unpaid) return [];
  const rowName = `${tableName("s3")}${applicationRowName(getApplicationRow(FEE_UNPAID_ROW))}`;
  const problem =
    stated === null ? `六未写明发出信息处理费收费通知的件数（应不少于 ${unpaid} 件）` : `六所述收费通知 ${stated} 件少于这一数字`;
  return [
    ruleResult(
      "s6.fee_notices",
      [cellId],
      unpaid,
      stated,
      `${rowName}为 ${unpaid} 件，说明本年发出过信息处理费收费通知；${problem}。请在${heading("other_matters")}中写明收费通知件数和金额`,
      { field: OTHER_MATTERS_FIELD, sectionId: "other_matters" },
    ),
  ];
}

/** cross_year.narrative_unedited: text still marked 沿用上年内容 (the 导语 included). */
function checkUnedited(report: TReport): RuleResult[] {
  const { narrative } = report;
  const marked: { field: string; sectionId: SectionId; label: string }[] = [];
  if (narrative.overview.introCarriedFromLastYear && hasText(narrative.overview.intro)) {
    marked.push({ field: OVERVIEW_INTRO_FIELD, sectionId: "overview", label: `${heading("overview")} 导语` });
  }
  narrative.overview.topics.forEach((topic, index) => {
    if (topic.carriedFromLastYear && hasText(topic.body)) {
      marked.push({ field: topicField(index), sectionId: "overview", label: `${heading("overview")}“${topic.title.trim()}”` });
    }
  });
  if (narrative.problems.carriedFromLastYear && hasText(narrative.problems.body)) {
    marked.push({ field: PROBLEMS_FIELD, sectionId: "problems", label: heading("problems") });
  }
  if (narrative.other_matters.carriedFromLastYear && hasText(narrative.other_matters.body)) {
    marked.push({ field: OTHER_MATTERS_FIELD, sectionId: "other_matters", label: heading("other_matters") });
  }
  return marked.map((item) =>
    ruleResult("cross_year.narrative_unedited", [], null, null, `${item.label}：仍是沿用上年的内容，尚未按本年度情况修改`, {
      field: item.field,
      sectionId: item.sectionId,
    }),
  );
}

/** Structure and completeness of one report (issue 12 §3), without last year's report. */
export function checkStructure(report: TReport): RuleResult[] {
  return [
    ...checkSectionsFilled(report),
    ...checkTitle(report),
    ...checkContentsList(report),
    ...checkProblemsNotNone(report),
    ...checkFeeNotices(report),
    ...checkUnedited(report),
  ];
}
