import type { RuleResult } from "@/lib/format/rule-catalogue";
import type { TReport } from "@/lib/report/report-schema";
import { type NarrativeField, narrativeFields, OPENING_PARAGRAPH_FIELD } from "./narrative-fields";
import { parseChineseNumeral } from "./numerals";
import { ruleResult } from "./rule-result";

/*
 * The outline of the text staff type or an import brings: the numbered headings at the start
 * of paragraphs (一、 （一） 1. （1）) and words typed twice. The report's own sections are
 * 一、 to 六、 and the topics of 一 are （一）…, so a heading inside a field sits below them.
 */

/** The numbering styles of 公文 headings, outermost first (GB/T 9704 and 党政机关公文格式 usage). */
const HEADING_STYLES = [
  { key: "chinese", pattern: /^([一二三四五六七八九十]{1,3})、/u, show: (n: string) => `${n}、` },
  { key: "bracketed_chinese", pattern: /^[（(]([一二三四五六七八九十]{1,3})[）)]/u, show: (n: string) => `（${n}）` },
  // 1. and 1、 but not 1.5万元.
  { key: "arabic", pattern: /^(\d{1,2})[.．、](?![\d.．])/u, show: (n: string) => `${n}.` },
  { key: "bracketed_arabic", pattern: /^[（(](\d{1,2})[）)]/u, show: (n: string) => `（${n}）` },
] as const;

type HeadingStyle = (typeof HEADING_STYLES)[number]["key"];

export type OutlineHeading = {
  style: HeadingStyle;
  /** 1 for 一、 / （一） / 1. / （1）. */
  ordinal: number;
  /** The heading's numbering as written, and its paragraph's first words. */
  marker: string;
  text: string;
  start: number;
  end: number;
};

const HEADING_TEXT_LENGTH = 16;

/** The numbered headings that open the paragraphs of a text, in order. */
export function outlineHeadings(text: string): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trimStart();
    for (const style of HEADING_STYLES) {
      const match = style.pattern.exec(trimmed);
      if (!match) continue;
      const ordinal = /^\d/u.test(match[1]!) ? Number(match[1]) : parseChineseNumeral(match[1]!);
      if (ordinal === null || ordinal < 1) break;
      const start = offset + lead;
      headings.push({
        style: style.key,
        ordinal,
        marker: match[0],
        text: trimmed.slice(0, HEADING_TEXT_LENGTH).replace(/[，。；：,;:].*$/u, ""),
        start,
        end: start + match[0].length,
      });
      break;
    }
    offset += line.length + 1;
  }
  return headings;
}

/** What the paragraphs' numbering does wrong within one field. */
type OutlineProblem = { heading: OutlineHeading; kind: "twice" | "skipped" | "backwards" | "mixed"; previous: OutlineHeading };

export function findNumberingProblems(headings: readonly OutlineHeading[]): OutlineProblem[] {
  const problems: OutlineProblem[] = [];
  /** Each style's last heading; a style seen later than another nests below it and restarts under each new one. */
  const last = new Map<HeadingStyle, OutlineHeading>();
  const order: HeadingStyle[] = [];
  let previous: OutlineHeading | null = null;
  for (const heading of headings) {
    const before = last.get(heading.style);
    if (!before) {
      // （一）存在问题 … 2.改进措施: a list continued in another numbering.
      if (previous && previous.style !== heading.style && heading.ordinal > 1 && previous.ordinal === heading.ordinal - 1) {
        problems.push({ heading, kind: "mixed", previous });
      }
      order.push(heading.style);
    } else {
      // A heading of an outer style closes the lists nested below it.
      for (const nested of order.slice(order.indexOf(heading.style) + 1)) last.delete(nested);
      order.splice(order.indexOf(heading.style) + 1);
      // A list may start again at 1 after words of its own (问题：1. 2. 3. 措施：1. 2.).
      if (heading.ordinal === before.ordinal) problems.push({ heading, kind: "twice", previous: before });
      else if (heading.ordinal > before.ordinal + 1) problems.push({ heading, kind: "skipped", previous: before });
      else if (heading.ordinal < before.ordinal && heading.ordinal !== 1)
        problems.push({ heading, kind: "backwards", previous: before });
    }
    last.set(heading.style, heading);
    previous = heading;
  }
  return problems;
}

const describeProblem = (problem: OutlineProblem): string => {
  const { heading, previous } = problem;
  switch (problem.kind) {
    case "twice":
      return `“${heading.marker}”出现两次（“${previous.text}”和“${heading.text}”）`;
    case "skipped":
      return `“${previous.marker}”之后是“${heading.marker}”，中间缺少序号（“${heading.text}”）`;
    case "backwards":
      return `“${previous.marker}”之后又是“${heading.marker}”，序号顺序颠倒（“${heading.text}”）`;
    case "mixed":
      return `“${previous.text}”用“${previous.marker}”，接着的“${heading.text}”却用“${heading.marker}”：同一层标题用了两种序号`;
  }
};

/**
 * The styles a field's own headings may not use: 一、 is the report's sections', and under a
 * topic of 一 (itself （一）…) 一、 and （一） are both taken.
 */
function outerStyles(field: NarrativeField): readonly HeadingStyle[] {
  if (field.path.startsWith("narrative.overview.topics.")) return ["chinese", "bracketed_chinese"];
  return ["chinese"];
}

/** structure.heading_order and structure.heading_level over one field. */
function checkFieldOutline(field: NarrativeField): RuleResult[] {
  if (field.path === OPENING_PARAGRAPH_FIELD) return [];
  const headings = outlineHeadings(field.text);
  if (headings.length === 0) return [];
  const results: RuleResult[] = [];
  const location = { field: field.path, sectionId: field.sectionId ?? undefined };
  const problems = findNumberingProblems(headings);
  const misordered = problems.filter((problem) => problem.kind !== "mixed");
  if (misordered.length > 0) {
    const first = misordered[0]!.heading;
    results.push(
      ruleResult(
        "structure.heading_order",
        [],
        null,
        null,
        `${field.label}：标题序号${misordered.map(describeProblem).join("；")}。请按顺序编号`,
        { ...location, start: first.start, end: first.end },
      ),
    );
  }
  const promoted = headings.filter((heading) => outerStyles(field).includes(heading.style));
  const mixed = problems.filter((problem) => problem.kind === "mixed");
  if (promoted.length > 0 || mixed.length > 0) {
    const parts: string[] = [];
    if (promoted.length > 0) {
      const under = field.path.startsWith("narrative.overview.topics.") ? "小标题之下" : "本部分之中";
      parts.push(
        `${promoted.map((heading) => `“${heading.text}”`).join("、")}用了${promoted[0]!.style === "chinese" ? "“一、”" : "“（一）”"}一级的序号，` +
          `与报告的${promoted[0]!.style === "chinese" ? "六个部分" : "小标题"}同级：${under}的标题应降一级（依次用“（一）”“1.”“（1）”）`,
      );
    }
    parts.push(...mixed.map(describeProblem));
    const first = promoted[0] ?? mixed[0]!.heading;
    results.push(
      ruleResult("structure.heading_level", [], null, null, `${field.label}：${parts.join("；")}`, {
        ...location,
        start: first.start,
        end: first.end,
      }),
    );
  }
  return results;
}

/** A word typed twice (资金资金): a run of 2–6 Chinese characters repeated at once. */
const TYPED_TWICE = /(\p{Script=Han}{2,6})\1/gu;
/** Reduplication that is language, not a slip: 一步一步, 研究研究, 哈哈哈哈. */
const REDUPLICATED_VERBS = new Set(["研究", "讨论", "商量", "学习", "考虑", "了解", "交流", "沟通", "检查", "整理", "准备"]);
const isLegitimateRepeat = (word: string) =>
  new Set(word).size === 1 || (word.length === 2 && word.startsWith("一")) || REDUPLICATED_VERBS.has(word);

/** text.repeated_word: each word typed twice in a row, with the words around it. */
function checkRepeatedWords(field: NarrativeField): RuleResult[] {
  const results: RuleResult[] = [];
  for (const match of field.text.matchAll(TYPED_TWICE)) {
    const word = match[1]!;
    if (isLegitimateRepeat(word)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const context = field.text.slice(Math.max(0, start - 6), Math.min(field.text.length, end + 6)).replace(/\s+/gu, "");
    results.push(
      ruleResult("text.repeated_word", [], null, null, `${field.label}：“${context}”中“${word}”连写了两次，请删去多余的一个`, {
        field: field.path,
        start: start + word.length,
        end,
        sectionId: field.sectionId ?? undefined,
      }),
    );
  }
  return results;
}

/** The outline rules over every text field of the report. */
export function checkOutline(report: TReport): RuleResult[] {
  return narrativeFields(report).flatMap((field) => [...checkFieldOutline(field), ...checkRepeatedWords(field)]);
}
