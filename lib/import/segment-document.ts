import { DRAFT_MARK } from "@/lib/document/report-document";
import { reportSections, type SectionId } from "@/lib/format";
import { fold } from "./fold-text";
import type { SourceLine } from "./types";

/**
 * Where the parts of a published report are: its title, the six sections (found by
 * their titles, in any order: one province prints the tables after all the narrative),
 * the closing signature and date, and the page chrome around them.
 */

/** The 条例 第五十条 wording of sections 四 and 五, which many reports use as headings. */
const SECTION_ALIASES: Partial<Record<SectionId, readonly string[]>> = {
  reviews_litigation: ["因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
  problems: ["政府信息公开工作存在的主要问题及改进情况"],
};

/** Site furniture around a report on a government web page, and our own export's marks. */
const CHROME = [
  /^当前位置/u,
  /首页\s*[>＞›»]/u,
  /^(附件下载|附件[:：]?$|打印本页|关闭窗口|【?打印】?$|【?关闭】?$|字号[:：]|分享到|扫一扫|浏览次数|访问量[:：])/u,
  /^(来源|信息来源|发布时间|发布日期|发文日期|成文日期|索引号|发布机构|文号|关键词|主题分类|组配分类|生成日期|文件下载|时效|名称|分类|有效性)[:：]?$/u,
  /^(来源|信息来源|发布时间|发布日期|索引号|发布机构)[:：]/u,
  /^第\s*\d+\s*页\s*(\/|共)\s*\d+\s*页?$/u,
  /^[-—–－]+\s*\d+\s*[-—–－]+$/u,
  /^附(件|表)\s*[一二三四五六1-6]?\s*[:：]?$/u,
];

export const lineText = (line: SourceLine): string => line.cells.join(" ").replace(/\s+/g, " ").trim();

export function isChrome(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return false;
  if (fold(trimmed) === fold(DRAFT_MARK)) return true;
  return CHROME.some((pattern) => pattern.test(trimmed));
}

/** Character bigrams, for a similarity that forgives a word added or changed. */
function bigrams(text: string): string[] {
  const result: string[] = [];
  for (let at = 0; at + 1 < text.length; at += 1) result.push(text.slice(at, at + 2));
  return result;
}

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const gram of right) pool.set(gram, (pool.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of left) {
    const count = pool.get(gram) ?? 0;
    if (count > 0) {
      shared += 1;
      pool.set(gram, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

const SECTION_ORDINAL = /^(第[一二三四五六]部分|[一二三四五六][、.]|[1-6][、.])/u;
const TOPIC_ORDINAL = /^\([一二三四五六七八九十]+\)|^\d+\.\d/u;

/** Which section a line heads, if any. */
export function sectionOfHeading(text: string): SectionId | null {
  const folded = fold(text);
  if (folded.length === 0 || folded.length > 40) return null;
  if (TOPIC_ORDINAL.test(folded)) return null;
  const hasOrdinal = SECTION_ORDINAL.test(folded);
  const words = folded.replace(SECTION_ORDINAL, "").replace(/[。:：]$/u, "");
  if (/\d{2}/.test(text) || words.length < 4) return null;
  // A line broken out of a sentence (“…、收到和处理政府信息公开申请情况、因…”) heads nothing.
  if (/^[、，,]|[、，,；]$/u.test(words) || (words.match(/、/gu) ?? []).length > 1) return null;
  let best: { id: SectionId; score: number } | null = null;
  for (const section of reportSections) {
    const titles = [section.title, ...(SECTION_ALIASES[section.id] ?? [])].map(fold);
    const score = Math.max(
      // “一、本年度政府信息公开总体情况”: a numbered heading may add words to the title.
      ...titles.map((title) =>
        words.includes(title) && (hasOrdinal || words.length <= title.length + 4) ? 1 : similarity(words, title),
      ),
    );
    if (!best || score > best.score) best = { id: section.id, score };
  }
  // Without its ordinal a line must say the title nearly word for word (a wrapped table label may share half of it).
  return best && best.score >= (hasOrdinal ? 0.6 : 0.8) ? best.id : null;
}

export type Segments = {
  chrome: Set<number>;
  titleLines: number[];
  /** Heading line of each section found. */
  headings: Map<SectionId, number>;
  /** Lines of each section, heading excluded. */
  sectionLines: Map<SectionId, number[]>;
  /** Lines before the first section (the opening), title and chrome excluded. */
  openingLines: number[];
  /** The closing signature and date lines. */
  closingLines: number[];
};

const TITLE_WORDS = fold("政府信息公开");
const DATE_LINE = /^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$/u;

export function dateOfLine(text: string): string | null {
  const match = DATE_LINE.exec(text.normalize("NFKC").replace(/\s+/g, ""));
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function isTitle(text: string): boolean {
  const folded = fold(text);
  return folded.length <= 80 && folded.includes(TITLE_WORDS) && /报告|年报/.test(folded) && !/[。；]/.test(text);
}

export function segmentDocument(lines: readonly SourceLine[]): Segments {
  const texts = lines.map(lineText);
  const chrome = new Set<number>();
  texts.forEach((text, index) => {
    if (isChrome(text)) chrome.add(index);
  });

  // The title: the first short line naming 政府信息公开 …报告, near the top; a line of the
  // agency's name alone may stand above it (our own export prints the title on two lines).
  const titleLines: number[] = [];
  const firstContent = texts.findIndex((text, index) => text !== "" && !chrome.has(index));
  const searchEnd = Math.min(texts.length, Math.max(firstContent, 0) + 80);
  for (let index = Math.max(firstContent, 0); index < searchEnd; index += 1) {
    if (chrome.has(index) || lines[index]!.table !== null) continue;
    // A title wrapped onto a second short line: “…2023年政府信息公开年度” / “报告”.
    const next = texts[index + 1] ?? "";
    if (
      !isTitle(texts[index]!) &&
      fold(texts[index]!).includes(TITLE_WORDS) &&
      next.length <= 12 &&
      isTitle(texts[index]! + next)
    ) {
      titleLines.push(index, index + 1);
      break;
    }
    if (!isTitle(texts[index]!)) continue;
    if (sectionOfHeading(texts[index]!) !== null) break;
    const previous = index - 1;
    if (
      previous >= 0 &&
      !chrome.has(previous) &&
      /^\d{4}\s*年/.test(texts[index]!.normalize("NFKC").trim()) &&
      texts[previous] !== "" &&
      fold(texts[previous]!).length <= 40 &&
      !/[。，；：]/.test(texts[previous]!)
    ) {
      titleLines.push(previous);
    }
    titleLines.push(index);
    break;
  }

  const headings = new Map<SectionId, number>();
  const from = titleLines.length > 0 ? titleLines[titleLines.length - 1]! + 1 : 0;
  for (let index = from; index < texts.length; index += 1) {
    if (chrome.has(index)) continue;
    // A printed line that carries on the sentence of the line above is no heading.
    const previous = texts[index - 1] ?? "";
    const above = lines[index - 1];
    if (
      lines[index]!.layout === "visual" &&
      above?.layout !== "whole" &&
      !titleLines.includes(index - 1) &&
      ![...headings.values()].includes(index - 1) &&
      above?.cells.length === 1 &&
      previous.length >= 15 &&
      /\p{Script=Han}$/u.test(previous)
    ) {
      continue;
    }
    // A table's own rows (“三、本年度办理结果”, table captions) head no section.
    if (lines[index]!.table !== null && lines[index]!.cells.filter((cell) => cell.trim() !== "").length > 1) continue;
    const id = sectionOfHeading(texts[index]!);
    if (id && !headings.has(id)) headings.set(id, index);
  }

  // The closing: a date line at the very end, and the signing agency just above it.
  const closingLines: number[] = [];
  let last = texts.length - 1;
  while (last >= 0 && (texts[last] === "" || chrome.has(last))) last -= 1;
  const lastHeading = Math.max(-1, ...headings.values());
  if (last > lastHeading && dateOfLine(texts[last]!)) {
    closingLines.push(last);
    let above = last - 1;
    while (above > lastHeading && texts[above] === "") above -= 1;
    if (
      above > lastHeading &&
      fold(texts[above]!).length <= 40 &&
      !/[。，；：]/.test(texts[above]!) &&
      !dateOfLine(texts[above]!)
    ) {
      closingLines.unshift(above);
    }
  }

  const starts = [...headings.entries()].sort((a, b) => a[1] - b[1]);
  const sectionLines = new Map<SectionId, number[]>();
  const excluded = (index: number) => chrome.has(index) || closingLines.includes(index);
  starts.forEach(([id, start], position) => {
    const end = starts[position + 1]?.[1] ?? texts.length;
    const indices: number[] = [];
    for (let index = start + 1; index < end; index += 1) if (!excluded(index)) indices.push(index);
    sectionLines.set(id, indices);
  });
  const openingEnd = starts[0]?.[1] ?? texts.length;
  const openingLines: number[] = [];
  for (let index = from; index < openingEnd; index += 1) {
    if (!excluded(index) && !titleLines.includes(index) && texts[index] !== "") openingLines.push(index);
  }
  return { chrome, titleLines, headings, sectionLines, openingLines, closingLines };
}
