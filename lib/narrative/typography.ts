/**
 * Typography of the report's text as printed: Markdown marks pasted from a chat or an AI tool
 * (**加粗**, ## 标题) print literally, and half-width punctuation in Chinese text (“楼 501 室 , 邮
 * 编 :”) looks wrong in a 公文. Each finding carries the text that fixes it (location.replacement),
 * which the editor applies in one click. Half-width marks are fine, and not reported, in figures
 * (1,000、12:30), web addresses and e-mails, and Latin text (ISO/IEC 27001:2013, “Hello, world”).
 */
import type { RuleResult } from "@/lib/format/rule-catalogue";
import type { TReport } from "@/lib/report/report-schema";
import type { NarrativeField } from "./narrative-fields";
import { narrativeFields } from "./narrative-fields";
import { ruleResult } from "./rule-result";

/** **bold**, __bold__, ~~struck~~ around text on one line; a # heading or a > quote at a line's start. */
const MARKDOWN = /(\*\*|__|~~)(?=\S)([^\n]*?\S)\1|^(#{1,6}|>)[ \t]+/gmu;
/** Spans where half-width marks belong: linked figures, web addresses, e-mails. */
const PROTECTED = /\{\{fig:[^{}]*\}\}|(?:https?:\/\/|www\.)[^\s，。；、（）“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const HALF_TO_FULL: Readonly<Record<string, string>> = {
  ",": "，",
  ":": "：",
  ";": "；",
  "!": "！",
  "?": "？",
  "(": "（",
  ")": "）",
};
/** A half-width mark with the spaces around it. */
const HALF_WIDTH = /[ \t]*([,:;!?()])[ \t]*/gu;
/** Chinese text: ideographs and full-width marks (not the curly quotes, which wrap English too). */
const HAN = /\p{Script=Han}|[\u3000-\u303F\uFF00-\uFFEF]/u;

const context = (text: string, start: number, end: number) =>
  text.slice(Math.max(0, start - 6), Math.min(text.length, end + 6)).replace(/\s+/gu, "");

function protectedSpans(text: string): [number, number][] {
  return [...text.matchAll(PROTECTED)].map((match) => [match.index, match.index + match[0].length]);
}

type Occurrence = { start: number; end: number; replacement: string; mark: string };

/**
 * One finding per field and rule, however many marks (a pasted text has them by the dozen): its
 * range runs from the first to the last, and its replacement is that stretch with every one fixed.
 */
function fieldFinding(
  field: NarrativeField,
  ruleId: "text.markdown_marks" | "text.halfwidth_punctuation",
  occurrences: readonly Occurrence[],
  wording: (first: Occurrence, count: number) => string,
): RuleResult[] {
  const first = occurrences[0];
  if (!first) return [];
  const last = occurrences[occurrences.length - 1]!;
  let replacement = field.text.slice(first.start, last.end);
  for (const occurrence of [...occurrences].reverse()) {
    const from = occurrence.start - first.start;
    replacement = replacement.slice(0, from) + occurrence.replacement + replacement.slice(occurrence.end - first.start);
  }
  const count = occurrences.length;
  return [
    ruleResult(ruleId, [], null, null, `${field.label}：${wording(first, count)}`, {
      field: field.path,
      start: first.start,
      end: last.end,
      sectionId: field.sectionId ?? undefined,
      replacement,
    }),
  ];
}

const howMany = (count: number) => (count > 1 ? `等 ${count} 处` : "");

/** text.markdown_marks: the marks go, the text they wrap stays. */
function checkMarkdown(field: NarrativeField): RuleResult[] {
  const occurrences = [...field.text.matchAll(MARKDOWN)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    replacement: match[2] ?? "",
    mark: match[1] ?? match[3]!,
  }));
  return fieldFinding(
    field,
    "text.markdown_marks",
    occurrences,
    (first, count) =>
      `“${context(field.text, first.start, first.end)}”中的“${first.mark}”${howMany(count)}是 Markdown 标记，会照样印出，请删去`,
  );
}

/** text.halfwidth_punctuation: a half-width mark beside Chinese text becomes its full-width form, the spaces around it gone. */
function checkHalfWidth(field: NarrativeField): RuleResult[] {
  const { text } = field;
  const spans = protectedSpans(text);
  const occurrences: Occurrence[] = [];
  // A closing bracket goes with its opening one: “(0731)12345678” has no Chinese beside the “)”.
  let openFixed = false;
  for (const match of text.matchAll(HALF_WIDTH)) {
    const mark = match[1]!;
    const at = match.index + match[0].indexOf(mark);
    if (spans.some(([from, to]) => at >= from && at < to)) continue;
    const before = text.slice(0, match.index).trimEnd().at(-1) ?? "";
    const after = text.slice(match.index + match[0].length).trimStart()[0] ?? "";
    const chineseBefore = HAN.test(before);
    const chineseAfter = HAN.test(after);
    if (mark === "(" || mark === ")") {
      // An opening bracket belongs to what follows (or follows Chinese), a closing one to its opening one.
      const chinese: boolean =
        mark === "(" ? chineseAfter || (chineseBefore && /[\d\p{Script=Han}]/u.test(after)) : openFixed || chineseBefore;
      openFixed = mark === "(" && chinese;
      if (!chinese) continue;
    } else {
      // Between figures (1,000, 12:30) or with no Chinese beside it (Latin text, ISO/IEC 27001:2013): as written.
      if (/\d/.test(before) && /\d/.test(after)) continue;
      if (!chineseBefore && !chineseAfter) continue;
    }
    occurrences.push({ start: match.index, end: match.index + match[0].length, replacement: HALF_TO_FULL[mark]!, mark });
  }
  return fieldFinding(
    field,
    "text.halfwidth_punctuation",
    occurrences,
    (first, count) =>
      `“${context(text, first.start, first.end)}”中的“${first.mark}”${howMany(count)}是半角标点，中文里应为“${first.replacement}”等全角标点`,
  );
}

/** The typography rules over every text field of the report. */
export function checkTypography(report: TReport): RuleResult[] {
  return narrativeFields(report).flatMap((field) => [...checkMarkdown(field), ...checkHalfWidth(field)]);
}
