import {
  activeDisclosureBlocks,
  activeDisclosureCellId,
  activeDisclosureColumn,
  activeDisclosureRow,
  applicantColumns,
  applicationsCellId,
  reviewsLitigationCellId,
  type SectionId,
} from "@/lib/format";
import {
  applicationResultGroups,
  DISCLOSED_ROW,
  type FigureId,
  groupLeafRows,
  LITIGATION_GROUP,
  ORGANIZATIONS_COLUMN,
  RECEIVED_ROW,
  stripOrdinal,
} from "@/lib/format/linked-figures";
import type { TReport } from "@/lib/report/report-schema";
import { type NarrativeField, narrativeFields } from "./narrative-fields";
import { CHINESE_NUMERAL_CHARS, decimalsOf, foldDigits, parseArabicFigure, parseChineseNumeral } from "./numerals";

/*
 * Finds the figures a narrative states about the national tables. The rules here read
 * how reports word their figures (收到…申请N件, 办结N件, 行政复议N件，维持N件…); the
 * figures themselves and their names come from lib/format. A figure whose table
 * counterpart is not clear from the wording is left alone: a false alarm costs more
 * than a miss.
 */

export type TextRange = { start: number; end: number };

export type StatedShare = TextRange & { text: string; value: number; decimals: number };

export type StatedFigure = TextRange & {
  field: string;
  fieldLabel: string;
  sectionId: SectionId | null;
  /** The figure as written, e.g. 182 or 十二; [start, end) is its place in the field. */
  text: string;
  value: number;
  decimals: number;
  /** The figure the wording states; 改为关联数字 links this one. */
  figureId: FigureId;
  /** Other figures the wording may mean; the text agrees when it equals any of them. */
  alternatives: readonly FigureId[];
  /** Said as 收到/受理 without naming 上年结转 anywhere in its paragraph. */
  saysReceivedOnly: boolean;
  /** “占N%” stated right after the figure. */
  share: StatedShare | null;
  /** The sentence the figure is in, as written. */
  sentence: TextRange & { text: string };
};

export type ClaimGroup = "review" | "litigation" | "applications";

/**
 * A claim in words about the tables: 均获维持 / 均已审结 (every 复议 or 诉讼 the sentence
 * names), 未发生行政复议 (none at all), 未收到申请 (no 本年新收).
 */
export type OutcomeClaim = TextRange & {
  field: string;
  fieldLabel: string;
  sectionId: SectionId | null;
  claim: "upheld" | "concluded" | "none" | "all_done";
  groups: readonly ClaimGroup[];
  sentence: TextRange & { text: string };
};

// ——— wording ———

const COUNT_UNITS = new Set(["件", "起", "份"]);
const MENTION = new RegExp(
  `(Ｒ+|\\d+(?:,\\d{3})*(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)\\s*(余|多)?\\s*(件次|件|起|份|万元|个百分点|%)`,
  "gu",
);
const SENTENCE_END = /[。！？!?\n]/u;
const CLAUSE_END = /[，；;、：:（）()]/u;

const APPROXIMATE_BEFORE = /(?:近|约|超过|超|逾|多达|不足|将近|大约|上千|上百|数)\s*$/u;
const COMPARISON =
  /同比|环比|较上年|较去年|比上年|比去年|较\d{4}年|较上一年|增加|减少|增长|下降|上升|回落|提高|降低|增幅|降幅|翻番|持平|增多/u;
/** Several years, an average, or part of the year: not the year's figure. */
const MULTI_YEAR =
  /历年|以来|近[一二三四五两\d]+年|平均|月均|日均|年均|每月|每年|每季度|上半年|下半年|[一二三四1-4]季度|\d+\s*[-—至~]\s*\d+\s*月/u;
const PRIOR_YEAR = /去年|前年|上一?年度?/u;
const YEAR = /(\d{4})\s*年/gu;
const PART_OF = /其中|含|包括|包含/u;
const SCOPE_BEFORE = /(?:各|分别|第|每)\s*$/u;

/** What 表三 counts are about; a clause about letters or hotline tickets is not. */
const APPLICATION = /申请/u;
const NOT_AN_APPLICATION = /被?申请(?:行政)?复议|复议申请|申请人/gu;
const OTHER_OBJECT = /来信|来电|工单|热线|留言|咨询|提案|议案|建议|信箱|诉求|信访件|舆情|投诉件|问政/u;
/** A count through one channel is a part, not the year's total. */
const ONE_CHANNEL = /网上|网络|当面|信函|邮寄|传真|电子邮件|窗口|在线|平台/u;
const ALL_CHANNELS = /线上线下|各种渠道|多种渠道|各渠道/u;
/** 表四 counts are about 政府信息公开 reviews and lawsuits, not every case an agency has. */
const DISCLOSURE_CONTEXT = /信息公开|依申请|政务公开/u;
/** An agency acting as the 复议机关 decides reviews; 表四 counts those against it. */
const AS_REVIEW_BODY = /(?:受理|办理|审理|审结|作出)[^，,]*复议/u;
/** A sentence about the agency's own review work (本机关作为复议机关…): none of its 复议/诉讼 counts is 表四's. */
const REVIEW_BODY_SENTENCE = /复议机关|复议机构|复议委员会|(?:受理|办理|审理|审结|作出)[^，,。；;]*复议/u;
/** A topic heading about 依申请公开 or 复议诉讼 sets the subject of the text under it. */
const DISCLOSURE_HEADING = /信息公开|依申请|政务公开|复议|诉讼/u;

const CARRIED_FORWARD = /结转(?:至|到|入)?下一?年度?|转(?:入|至|到)?下一?年度?|顺延(?:至|到)?下一?年度?|下一?年度继续办理/u;
const CARRIED_OVER = /上一?年度?(?:结转|转结|转入|遗留|未办结)|结转(?:自)?上一?年度?|往年结转|去年结转/u;
const INCLUDES_CARRIED_OVER = new RegExp(`^[^。]{0,4}(?:包含|含|包括|其中)[^，,。；;]{0,6}(?:${CARRIED_OVER.source})`, "u");

const resultTerm = (groupKey: string) => stripOrdinal(applicationResultGroups.find((group) => group.key === groupKey)!.label);
/** 不予公开 → 不予(以)?公开: the format's term with the 以 prose often adds. */
const termPattern = (term: string) => term.replace(/^不予/u, "不予以?");

type ApplicationPhrase =
  | "carried_forward"
  | "carried_over"
  | "disclosed"
  | "result_group"
  | "granted"
  | "partially_granted"
  | "closed"
  | "new"
  | "received"
  | "volume"
  | "handled"
  | "verbless";

type PhraseRule = { phrase: ApplicationPhrase; pattern: RegExp; rowKey?: string };

/** Most specific first: on a tie (two wordings ending at the same place) the earlier one wins. */
const applicationPhrases: readonly PhraseRule[] = [
  { phrase: "carried_forward", pattern: CARRIED_FORWARD },
  { phrase: "carried_over", pattern: CARRIED_OVER },
  { phrase: "disclosed", pattern: /(?:予以|同意|全部)?公开(?:和|及|与|、|或|以及)部分公开|全部或部分公开/u },
  ...applicationResultGroups.map((group) => ({
    phrase: "result_group" as const,
    pattern: new RegExp(termPattern(resultTerm(group.key!)) + (group.key === "other" ? "|其他方式处理" : ""), "u"),
    rowKey: group.key!,
  })),
  { phrase: "granted", pattern: /予以公开|全部公开|同意公开/u },
  { phrase: "partially_granted", pattern: /部分公开/u },
  { phrase: "closed", pattern: /办结|答复|办理完成|办理完毕|完成办理|处理完毕|办理完结|已办理/u },
  { phrase: "new", pattern: /新收/u },
  { phrase: "received", pattern: /收到|受理|接收|接到|收悉/u },
  { phrase: "volume", pattern: /申请(?:总量|数量|总数|量)/u },
  { phrase: "handled", pattern: /(?<!继续)办理(?!结果|完成|完毕|完结)/u },
];
/** Phrases that name a row of their own, which a following 答复/办理 does not override. */
const SPECIFIC_PHRASES = new Set<ApplicationPhrase>([
  "carried_forward",
  "carried_over",
  "disclosed",
  "result_group",
  "granted",
  "partially_granted",
]);
/** At most this many characters between a row's phrase and its 答复 (转下一年度办理答复). */
const ADJACENT_GAP = 3;
/** “全年政府信息公开申请共N件”: no verb, only when nothing else names the figure. */
const VERBLESS: PhraseRule = {
  phrase: "verbless",
  // Anchored: “答复不规范的政府信息公开申请3件” names a subset, not the year's requests.
  pattern:
    /^(?:本年度?|全年|今年|\d{4}年度?)?(?:本机关|本单位|我局|我委|我办|我县|我区|我市|全县|全区|全市)?(?:共|总共|累计)?(?:政府信息公开|依申请公开)申请(?:件)?(?:共|总计|合计)?(?:计|有|为|达)?$/u,
};
/** Requests picked out by a fault are a subset: 逾期答复3件, 答复不规范的申请2件. */
const FAULT = /逾期|超期|延期|不规范|错误|瑕疵|被纠正|未按时|未及时|超过法定/u;

/** A reason before a group's term (因本机关不掌握…无法提供) may narrow it to one sub-row, unless it says 等. */
const REASON_BEFORE = /因|由于|属于|涉及/u;

const applicantColumnPatterns: readonly { key: string; pattern: RegExp }[] = [
  ...applicantColumns
    .filter((column) => !column.sumOf && column.label.length > 2)
    .map((column) => ({ key: column.key, pattern: new RegExp(column.label, "u") })),
  { key: "natural_person", pattern: new RegExp(applicantColumns[0]!.label, "u") },
  // 法人或其他组织, often shortened to 法人.
  { key: ORGANIZATIONS_COLUMN, pattern: /法人(?:或其他组织)?/u },
];

// 表四
const REVIEW_GROUP_PATTERNS: readonly { group: string; pattern: RegExp }[] = [
  { group: "litigation_after_review", pattern: /(?:经)?复议后(?:再)?(?:提起)?(?:行政)?(?:起诉|诉讼)/u },
  {
    group: "litigation_direct",
    pattern: /未经复议(?:直接)?(?:提起)?(?:行政)?(?:起诉|诉讼)|直接(?:提起)?(?:行政)?(?:起诉|诉讼)/u,
  },
  { group: "review", pattern: /(?:行政)?复议/u },
  { group: LITIGATION_GROUP, pattern: /(?:行政)?诉讼|起诉|应诉/u },
];
const OUTCOME_PATTERNS: readonly { outcome: string; pattern: RegExp }[] = [
  { outcome: "pending", pattern: /尚未审结|未审结|正在审理|审理中|未结案|尚在审理/u },
  { outcome: "upheld", pattern: /维持/u },
  { outcome: "corrected", pattern: /纠正|纠错|撤销|确认违法|败诉/u },
  { outcome: "other", pattern: /其他结果/u },
];
const ALL_UPHELD = /均(?:获|被|予|已|得到|获得)?(?:维持|支持)|全部(?:获得?|被|予以?)?维持|全部胜诉|均胜诉|无一败诉/u;
const ALL_CONCLUDED = /均已审结|全部审结|均已结案|全部结案/u;
const NO_REVIEWS = /(?:未发生|未出现|没有发生|未有|未被)[^，,；;。]{0,15}?(?:行政复议|行政诉讼|复议|诉讼|起诉)/u;
/** 未发生败诉 / 未被纠错 speak of outcomes, not of cases. */
const NOT_ABOUT_CASES = /纠正|败诉|纠错|撤销|被纠/u;
/** “所有申请均已按要求办理完成”: every request of the year done, so none carried forward. */
const ALL_REQUESTS_DONE =
  /申请(?:均|都|全部|已全部)(?:已经?)?(?:按要求|依法依规|依法|依规)?(?:办理完成|办理完毕|办结|完成办理|答复完毕|处理完毕)/u;
/** Done in time (均已按时办结), or only some requests (上年结转的申请均已办结): no claim that nothing is left. */
const NOT_ALL_DONE = /按时|按期|及时|期限|时限|上一?年|结转|逾期/u;
/** 除结转的9件外，其余申请均已办结: the rest, not all. */
const EXCEPT = /除|其余|其他的?申请/u;
const NO_APPLICATIONS =
  /(?:未收到|没有收到|未有收到|未接到|未受理)过?(?:任何|相关|有关)?(?:政府信息公开|依申请公开|信息公开)?的?申请/u;

// 表二
const regulationsLabel = activeDisclosureRow("regulations").label;
const normativeLabel = activeDisclosureRow("normative_documents").label;
const DOCUMENT_TYPES: readonly { rowKey: string; pattern: RegExp }[] = [
  // 行政规范性文件, often written 规范性文件.
  { rowKey: "normative_documents", pattern: new RegExp(`(?:${normativeLabel.slice(0, 2)})?${normativeLabel.slice(2)}`, "u") },
  { rowKey: "regulations", pattern: new RegExp(`${regulationsLabel}(?!制度)`, "u") },
];
const columnTerm = (key: string) => activeDisclosureColumn(key).label.replace(/^本年/u, "").replace(/件数$/u, "");
const DOCUMENT_VERBS: readonly { columnKey: string; pattern: RegExp }[] = [
  { columnKey: "in_force", pattern: new RegExp(`${columnTerm("in_force")}|有效期内|继续有效`, "u") },
  { columnKey: "issued", pattern: new RegExp(`${columnTerm("issued")}|印发|出台|制定|新制定|新出台`, "u") },
  { columnKey: "repealed", pattern: new RegExp(`${columnTerm("repealed")}|失效|废除`, "u") },
];
const NOT_ISSUING = /草案|征求意见|解读/u;
const decisionRows = activeDisclosureBlocks
  .filter((block) => block.kind === "count" && block.columns.length === 1)
  .flatMap((block) =>
    block.rows.map((row) => ({
      cellId: activeDisclosureCellId(row.key, block.columns[0]!.key),
      pattern: new RegExp(row.label, "u"),
    })),
  );
const NOT_DECISIONS = /信息|事项|清单|目录|公示|权力|等|申请/u;
/** 受理行政许可申请 counts applications, not the decisions 表二 counts. */
const NOT_DECIDING = /受理|申请/u;
const feeRow = activeDisclosureBlocks.find((block) => block.kind === "amount")!;
const FEES_TERM = new RegExp(feeRow.rows[0]!.label, "u");
const feeCellId = activeDisclosureCellId(feeRow.rows[0]!.key, feeRow.columns[0]!.key);
const PROCESSING_FEE = /信息处理费/u;

const SHARE_LEAD = /^\s*(?:约|均)?占(?:比)?(?:[\u4e00-\u9fa5]{0,8}?(?:的|为))?\s*约?\s*$/u;

// ——— scanning ———

/** A sentence with its paragraph, and the field's heading (一（二）依申请公开 sets the subject too). */
type Sentence = TextRange & { text: string; paragraph: string; heading: string };
type Clause = TextRange & { text: string };

/** The last match of any of the patterns in the text: its index in the list and where it ends. */
const globalPatterns = new Map<RegExp, RegExp>();
const globalOf = (pattern: RegExp) => {
  let global = globalPatterns.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, "gu");
    globalPatterns.set(pattern, global);
  }
  return global;
};

function lastMatch<T extends { pattern: RegExp }>(
  text: string,
  rules: readonly T[],
): { rule: T; start: number; end: number } | null {
  let best: { rule: T; start: number; end: number } | null = null;
  for (const rule of rules) {
    const global = globalOf(rule.pattern);
    for (const match of text.matchAll(global)) {
      const end = match.index + match[0].length;
      if (!best || end > best.end) best = { rule, start: match.index, end };
    }
  }
  return best;
}

const isApplicationContext = (text: string) => APPLICATION.test(text.replace(NOT_AN_APPLICATION, ""));
/** A year's total of requests needs 政府信息公开 named: 政务服务事项申请 are not its requests. */
const DISCLOSURE_REQUESTS = /政府信息公开|依申请|信息公开申请|公开申请/u;

function sentencesOf(text: string, heading: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraphStart = 0;
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const char = text[index];
    if (index < text.length && !SENTENCE_END.test(char!)) continue;
    const paragraphEnd = text.indexOf("\n", index) === -1 ? text.length : text.indexOf("\n", index);
    if (index > start) {
      sentences.push({
        start,
        end: index,
        text: text.slice(start, index),
        paragraph: text.slice(paragraphStart, paragraphEnd),
        heading,
      });
    }
    start = index + 1;
    if (char === "\n") paragraphStart = index + 1;
  }
  return sentences;
}

/** Clauses split at Chinese punctuation; a comma inside 1,084 is a thousands separator. */
function clausesOf(sentence: Sentence): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const { text } = sentence;
  for (let index = 0; index <= text.length; index += 1) {
    const char = text[index];
    const isEnd =
      index === text.length ||
      CLAUSE_END.test(char!) ||
      (char === "," && !(/\d/.test(text[index - 1] ?? "") && /^\d{3}(?!\d)/.test(text.slice(index + 1))));
    if (!isEnd) continue;
    if (index > start)
      clauses.push({ start: sentence.start + start, end: sentence.start + index, text: text.slice(start, index) });
    start = index + 1;
  }
  return clauses;
}

/** References are masked as Ｒ runs: a linked figure is a figure in the wording, never a stated one. */
function maskReferences(text: string): string {
  return text.replace(/\{\{fig:[^{}]*\}\}/g, (reference) => "Ｒ".repeat(reference.length));
}

type Mention = TextRange & { text: string; value: number | null; unit: string; approximate: boolean; linked: boolean };

function mentionsIn(clause: Clause, fullText: string): Mention[] {
  const mentions: Mention[] = [];
  for (const match of clause.text.matchAll(MENTION)) {
    const [whole, figure, approx, unit] = match as unknown as [string, string, string | undefined, string];
    const start = clause.start + match.index;
    const end = start + figure.length;
    const before = fullText[start - 1] ?? "";
    const after = fullText[clause.start + match.index + whole.length] ?? "";
    // Part of a longer number, or 一件事 / 件件有回音: not a count.
    if (/[\d.]/.test(before) || ((unit === "件" || unit === "份") && /[事件]/.test(after))) continue;
    const linked = figure.startsWith("Ｒ");
    const isArabic = /^\d/.test(figure);
    if (!isArabic && !linked && /[零〇一二两三四五六七八九十百千万]/.test(before)) continue;
    const value = linked ? null : isArabic ? parseArabicFigure(figure) : parseChineseNumeral(figure);
    if (!linked && value === null) continue;
    // 180件左右 is as approximate as 约180件.
    const isRough = approx !== undefined || /^\s*(?:左右|上下)/u.test(fullText.slice(clause.start + match.index + whole.length));
    mentions.push({ start, end, text: figure, value, unit, approximate: isRough, linked });
  }
  return mentions;
}

const otherYear = (text: string, reportYear: number | null) =>
  [...text.matchAll(YEAR)].some((match) => reportYear === null || Number(match[1]) !== reportYear);

/** `prefix` is the sentence before the figure's clause: a period it names (上半年, 2024年) holds for the whole sentence. */
function shouldSkip(lead: string, prefix: string, reportYear: number | null): boolean {
  if (APPROXIMATE_BEFORE.test(lead) || SCOPE_BEFORE.test(lead)) return true;
  if (COMPARISON.test(lead) || MULTI_YEAR.test(lead) || MULTI_YEAR.test(prefix)) return true;
  if (PRIOR_YEAR.test(lead) && !CARRIED_OVER.test(lead)) return true;
  return otherYear(lead, reportYear) || otherYear(prefix, reportYear);
}

type Classified = { figureId: FigureId; alternatives: FigureId[]; saysReceivedOnly: boolean; applicationRow?: string };

type SentenceState = { lastTotalRow: string | null };

function classifyReviews(lead: string, prefix: string, sentence: Sentence): Classified | null | "not_reviews" {
  const inLead = lastMatch(lead, REVIEW_GROUP_PATTERNS);
  const outcome = lastMatch(lead, OUTCOME_PATTERNS);
  if (!inLead && !outcome) return "not_reviews";
  const inherited = inLead ?? lastMatch(prefix, REVIEW_GROUP_PATTERNS);
  if (!inherited) return outcome ? null : "not_reviews";
  // The sentence, its paragraph (政府信息公开 named there) or its topic heading (依申请公开) sets the subject:
  // “全年发生行政诉讼案件9件” under 依申请公开 is 表四's.
  const isSentenceAbout = DISCLOSURE_CONTEXT.test(sentence.text);
  const context = isSentenceAbout || DISCLOSURE_CONTEXT.test(sentence.paragraph) || DISCLOSURE_HEADING.test(sentence.heading);
  if (!context) return null;
  if (!/被/u.test(lead) && (AS_REVIEW_BODY.test(lead) || (!isSentenceAbout && REVIEW_BODY_SENTENCE.test(sentence.text))))
    return null;
  // 行政复议和行政诉讼共N件: two groups in one figure.
  if (inLead) {
    const others = REVIEW_GROUP_PATTERNS.filter((rule) => rule !== inLead.rule);
    const beforeGroup = lead.slice(0, inLead.start);
    if (others.some((rule) => rule.pattern.test(beforeGroup)) && /和|与|及|、/u.test(beforeGroup)) return null;
  }
  const outcomeKey = outcome && (!inLead || outcome.end >= inLead.start) ? outcome.rule.outcome : "total";
  return {
    figureId: reviewsLitigationCellId(`${inherited.rule.group}.${outcomeKey}`),
    alternatives: [],
    saysReceivedOnly: false,
  };
}

/** “规章13件（含新制定5件，废止4件）”: figures inside a 含… aside are parts of another count. */
function insidePartOf(before: string): boolean {
  const open = Math.max(before.lastIndexOf("（"), before.lastIndexOf("("));
  if (open === -1 || /[）)]/u.test(before.slice(open))) return false;
  return /^[（(]\s*(?:其中|含|包括|包含)/u.test(before.slice(open));
}

function classifyDocuments(lead: string, prefix: string): Classified | null {
  const verb = lastMatch(lead, DOCUMENT_VERBS);
  if (!verb || NOT_ISSUING.test(lead) || PART_OF.test(lead) || insidePartOf(prefix + lead)) return null;
  const typesInLead = DOCUMENT_TYPES.filter((type) => new RegExp(type.pattern.source, "u").test(lead));
  if (typesInLead.length > 1) return null;
  const type = typesInLead[0] ?? lastMatch(prefix, DOCUMENT_TYPES)?.rule;
  if (!type) return null;
  return { figureId: activeDisclosureCellId(type.rowKey, verb.rule.columnKey), alternatives: [], saysReceivedOnly: false };
}

function classifyDecisions(lead: string, prefix: string): Classified | null {
  const found = decisionRows.filter((row) => row.pattern.test(lead));
  if (found.length !== 1 || insidePartOf(prefix + lead)) return null;
  const term = lead.search(found[0]!.pattern);
  if (NOT_DECISIONS.test(lead.slice(term)) || NOT_DECIDING.test(lead) || PART_OF.test(lead)) return null;
  return { figureId: found[0]!.cellId, alternatives: [], saysReceivedOnly: false };
}

function classifyApplications(
  lead: string,
  tail: string,
  clause: Clause,
  sentence: Sentence,
  state: SentenceState,
): Classified | null {
  if (OTHER_OBJECT.test(clause.text) || FAULT.test(lead)) return null;
  const column = lastMatch(lead, applicantColumnPatterns)?.rule.key ?? "total";
  const cell = (rowKey: string) => applicationsCellId(rowKey, column);
  let found = lastMatch(lead, applicationPhrases);
  // “同意公开答复9件”, “转下一年度办理答复的有1件”: 答复 after a result or 结转 words how that result was given.
  if (found && (found.rule.phrase === "closed" || found.rule.phrase === "handled")) {
    const before = lead.slice(0, found.start);
    const specific = lastMatch(
      before,
      applicationPhrases.filter((rule) => SPECIFIC_PHRASES.has(rule.phrase)),
    );
    if (specific && found.start - specific.end <= ADJACENT_GAP) found = specific;
  }
  if (!found && CARRIED_FORWARD.test(tail)) found = { rule: applicationPhrases[0]!, start: 0, end: 0 };
  if (!found) found = lastMatch(lead, [VERBLESS]);
  const sentenceAbout =
    isApplicationContext(sentence.text) &&
    (DISCLOSURE_REQUESTS.test(sentence.text) || DISCLOSURE_REQUESTS.test(sentence.heading));
  // 答复/办结 need no 申请 of their own when the paragraph or the topic is about requests: “…申请13件。答复12件。”
  const paragraphAbout =
    (isApplicationContext(sentence.paragraph) && DISCLOSURE_REQUESTS.test(sentence.paragraph)) ||
    DISCLOSURE_REQUESTS.test(sentence.heading);

  if (!found) {
    // 其中自然人申请100件: a column of the total the sentence has just stated.
    if (column === "total" || !sentenceAbout) return null;
    const row = state.lastTotalRow ?? "new";
    return { figureId: cell(row), alternatives: ["new", RECEIVED_ROW].map(cell), saysReceivedOnly: false };
  }
  const { phrase, rowKey } = found.rule;
  const isTotal = ["closed", "new", "received", "volume", "handled", "verbless"].includes(phrase);
  if (isTotal) {
    if (!sentenceAbout && !(phrase === "closed" && paragraphAbout)) return null;
    // 其中网上受理30件 is a part of something; 其中本年新收177件 names a row of its own.
    if (column === "total" && phrase !== "new" && PART_OF.test(lead)) return null;
    if (phrase !== "closed" && ONE_CHANNEL.test(lead) && !ALL_CHANNELS.test(lead)) return null;
  }
  const aboutApplications = isApplicationContext(sentence.paragraph) || isApplicationContext(sentence.heading);
  if ((phrase === "carried_over" || phrase === "carried_forward") && !aboutApplications) return null;
  const isResult = phrase === "disclosed" || phrase === "result_group" || phrase === "granted" || phrase === "partially_granted";
  // “不予公开信息1535件” counts items of information, not requests.
  if (isResult && (/信息|文件|条目/u.test(lead.slice(found.end)) || !aboutApplications)) return null;

  switch (phrase) {
    case "carried_forward":
      return { figureId: cell("carried_forward"), alternatives: [], saysReceivedOnly: false };
    case "carried_over":
      return { figureId: cell("carried_over"), alternatives: [], saysReceivedOnly: false };
    case "disclosed":
      return { figureId: cell(DISCLOSED_ROW), alternatives: [], saysReceivedOnly: false };
    case "granted":
    case "partially_granted":
      return { figureId: cell(phrase), alternatives: [], saysReceivedOnly: false };
    case "result_group": {
      const before = lead.slice(0, found.start);
      const narrowed = REASON_BEFORE.test(before) && !/等/u.test(before);
      const subRows = narrowed ? groupLeafRows(rowKey!).map((row) => cell(row.key)) : [];
      return { figureId: cell(rowKey!), alternatives: subRows, saysReceivedOnly: false };
    }
    case "closed":
      return { figureId: cell("results_total"), alternatives: [], saysReceivedOnly: false, applicationRow: "results_total" };
    case "new":
      return { figureId: cell("new"), alternatives: [], saysReceivedOnly: false, applicationRow: "new" };
    case "volume":
    case "verbless":
      return { figureId: cell("new"), alternatives: [cell(RECEIVED_ROW)], saysReceivedOnly: false, applicationRow: "new" };
    case "handled":
      return {
        figureId: cell("new"),
        alternatives: [cell(RECEIVED_ROW), cell("results_total")],
        saysReceivedOnly: false,
        applicationRow: "new",
      };
    case "received": {
      // “共182件，包含上年度结转5件”: a total that names what it includes is 一 + 二.
      const rest = sentence.text.slice(clause.end - sentence.start);
      if (INCLUDES_CARRIED_OVER.test(rest)) {
        return {
          figureId: cell(RECEIVED_ROW),
          alternatives: [cell("new")],
          saysReceivedOnly: false,
          applicationRow: RECEIVED_ROW,
        };
      }
      const named = CARRIED_OVER.test(sentence.paragraph);
      return {
        figureId: cell("new"),
        alternatives: named ? [cell(RECEIVED_ROW)] : [],
        saysReceivedOnly: !named,
        applicationRow: "new",
      };
    }
  }
}

const CLAUSE_MARKS = ["，", ",", "；", ";"];

const everywhere = (pattern: RegExp) => new RegExp(pattern.source, "gu");

/** The 复议/诉讼 groups a stretch of text names; 复议后起诉 is a lawsuit. */
function reviewGroupsIn(text: string): ClaimGroup[] {
  const groups: ClaimGroup[] = [];
  const withoutLawsuitGroups = text
    .replace(everywhere(REVIEW_GROUP_PATTERNS[0]!.pattern), "")
    .replace(everywhere(REVIEW_GROUP_PATTERNS[1]!.pattern), "");
  if (REVIEW_GROUP_PATTERNS[2]!.pattern.test(withoutLawsuitGroups)) groups.push("review");
  if (REVIEW_GROUP_PATTERNS.some((rule) => rule.group !== "review" && rule.pattern.test(text))) groups.push(LITIGATION_GROUP);
  return groups;
}

type Claim = TextRange & { claim: OutcomeClaim["claim"]; groups: ClaimGroup[] };

function claimsIn(sentence: Sentence): Claim[] {
  const claims: Claim[] = [];
  const at = (match: RegExpExecArray) => ({
    start: sentence.start + match.index,
    end: sentence.start + match.index + match[0].length,
  });
  const upheld = ALL_UPHELD.exec(sentence.text);
  const concluded = upheld ? null : ALL_CONCLUDED.exec(sentence.text);
  const said = upheld ?? concluded;
  if (said && DISCLOSURE_CONTEXT.test(sentence.text)) {
    const groups = reviewGroupsIn(sentence.text);
    if (groups.length > 0) claims.push({ ...at(said), claim: upheld ? "upheld" : "concluded", groups });
  }
  const noCases = NO_REVIEWS.exec(sentence.text);
  if (noCases && DISCLOSURE_CONTEXT.test(sentence.text)) {
    const clauseEnd = sentence.text.slice(noCases.index).search(/[，,；;。]/u);
    const clause = sentence.text.slice(noCases.index, clauseEnd === -1 ? undefined : noCases.index + clauseEnd);
    const groups = reviewGroupsIn(clause);
    if (!NOT_ABOUT_CASES.test(clause) && groups.length > 0) claims.push({ ...at(noCases), claim: "none", groups });
  }
  const allDone = ALL_REQUESTS_DONE.exec(sentence.text);
  if (allDone && !OTHER_OBJECT.test(sentence.text)) {
    const clauseStart = Math.max(...[...CLAUSE_MARKS].map((mark) => sentence.text.lastIndexOf(mark, allDone.index)));
    const clause = sentence.text.slice(clauseStart + 1, allDone.index + allDone[0].length);
    const isExcepting = EXCEPT.test(sentence.text.slice(0, allDone.index));
    if (
      !NOT_ALL_DONE.test(clause) &&
      !isExcepting &&
      (DISCLOSURE_REQUESTS.test(sentence.paragraph) || DISCLOSURE_REQUESTS.test(sentence.heading))
    )
      claims.push({ ...at(allDone), claim: "all_done", groups: ["applications"] });
  }
  const noApplications = NO_APPLICATIONS.exec(sentence.text);
  if (noApplications && !OTHER_OBJECT.test(sentence.text))
    claims.push({ ...at(noApplications), claim: "none", groups: ["applications"] });
  return claims;
}

function scanField(field: NarrativeField, reportYear: number | null): { figures: StatedFigure[]; claims: OutcomeClaim[] } {
  const figures: StatedFigure[] = [];
  const claims: OutcomeClaim[] = [];
  if (field.text.trim() === "") return { figures, claims };
  const text = maskReferences(foldDigits(field.text));
  const located = { field: field.path, fieldLabel: field.label, sectionId: field.sectionId };

  for (const sentence of sentencesOf(text, field.label)) {
    const quoted = { start: sentence.start, end: sentence.end, text: field.text.slice(sentence.start, sentence.end).trim() };
    const state: SentenceState = { lastTotalRow: null };
    let last: { figure: StatedFigure | null; clause: number } | null = null;
    const clauses = clausesOf(sentence);
    clauses.forEach((clause, clauseIndex) => {
      const mentions = mentionsIn(clause, text);
      mentions.forEach((mention, index) => {
        const leadStart = index === 0 ? clause.start : mentions[index - 1]!.end;
        const lead = text.slice(leadStart, mention.start).replace(/\s+/gu, "");
        const tailEnd = index + 1 < mentions.length ? mentions[index + 1]!.start : clause.end;
        const tail = text.slice(mention.end, tailEnd).replace(/^\s*(?:余|多)?\s*(?:件次|件|起|份|万元|个百分点|%)/u, "");
        const prefix = text.slice(sentence.start, leadStart);

        if (mention.unit === "%") {
          const base = last && clauseIndex - last.clause <= 1 ? last.figure : null;
          if (base && !base.share && SHARE_LEAD.test(lead) && mention.value !== null) {
            base.share = {
              start: mention.start,
              end: mention.end,
              text: mention.text,
              value: mention.value,
              decimals: decimalsOf(mention.text),
            };
          }
          return;
        }
        if (mention.unit === "件次" || mention.unit === "个百分点" || mention.approximate) {
          last = { figure: null, clause: clauseIndex };
          return;
        }
        if (shouldSkip(lead, prefix, reportYear)) {
          last = { figure: null, clause: clauseIndex };
          return;
        }
        let classified: Classified | null = null;
        if (mention.unit === "万元") {
          if (FEES_TERM.test(lead) && !PROCESSING_FEE.test(clause.text)) {
            classified = { figureId: feeCellId, alternatives: [], saysReceivedOnly: false };
          }
        } else if (COUNT_UNITS.has(mention.unit)) {
          const reviews = classifyReviews(lead, prefix, sentence);
          if (reviews !== "not_reviews") classified = reviews;
          else {
            classified =
              classifyDocuments(lead, prefix) ??
              classifyDecisions(lead, prefix) ??
              (mention.unit === "件" ? classifyApplications(lead, tail, clause, sentence, state) : null);
          }
        }
        if (classified?.applicationRow && classified.applicationRow !== "results_total")
          state.lastTotalRow = classified.applicationRow;
        if (!classified || mention.linked || mention.value === null) {
          last = { figure: null, clause: clauseIndex };
          return;
        }
        const figure: StatedFigure = {
          ...located,
          start: mention.start,
          end: mention.end,
          text: field.text.slice(mention.start, mention.end),
          value: mention.value,
          decimals: decimalsOf(mention.text),
          figureId: classified.figureId,
          alternatives: classified.alternatives.filter((id) => id !== classified.figureId),
          saysReceivedOnly: classified.saysReceivedOnly,
          share: null,
          sentence: quoted,
        };
        figures.push(figure);
        last = { figure, clause: clauseIndex };
      });
    });

    claims.push(...claimsIn(sentence).map((claim) => ({ ...located, ...claim, sentence: quoted })));
  }
  return { figures, claims };
}

export type StatedFigures = { readonly figures: readonly StatedFigure[]; readonly claims: readonly OutcomeClaim[] };

/** The editor checks on every keystroke, mostly in a table: the text's reading is kept until the text changes. */
const recentReadings = new Map<string, StatedFigures>();
const RECENT_READINGS = 8;

/** Every figure the report's text states about its tables, and every 均获维持-style claim. */
export function findStatedFigures(report: TReport): StatedFigures {
  const year = typeof report.info.year === "number" ? report.info.year : null;
  const fields = narrativeFields(report);
  const key = `${year}\u0001${fields.map((field) => `${field.path}\u0002${field.label}\u0002${field.text}`).join("\u0001")}`;
  const cached = recentReadings.get(key);
  if (cached) return cached;
  const figures: StatedFigure[] = [];
  const claims: OutcomeClaim[] = [];
  for (const field of fields) {
    const found = scanField(field, year);
    figures.push(...found.figures);
    claims.push(...found.claims);
  }
  const reading = { figures, claims };
  if (recentReadings.size >= RECENT_READINGS) recentReadings.delete(recentReadings.keys().next().value!);
  recentReadings.set(key, reading);
  return reading;
}
