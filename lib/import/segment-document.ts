import { reportSections, type SectionId } from "@/lib/format";
import { paragraphGroups } from "@/lib/report/paragraph-lines";
import { fold } from "./fold-text";
import { isBodyFurniture, isPageFurniture } from "./page-chrome";
import type { SourceLine } from "./types";

/**
 * Where the parts of a published report are: its title (on one line or several), the six
 * sections (found by their titles in any order and however numbered, or by position when
 * a heading was lost), the tables (found by their content, see import-report.ts), the
 * closing signature and date, and the page furniture around and inside it.
 */

/** The 条例 第五十条 wording of sections 四 and 五, which many reports use as headings. */
const SECTION_ALIASES: Partial<Record<SectionId, readonly string[]>> = {
  reviews_litigation: ["因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
  problems: ["政府信息公开工作存在的主要问题及改进情况"],
};

export const lineText = (line: SourceLine): string => line.cells.join(" ").replace(/\s+/g, " ").trim();

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

/** How well a line reads as the heading of each section: the best section and its score, or null. */
export function headingScore(text: string): { id: SectionId; score: number } | null {
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
  return best && best.score >= (hasOrdinal ? 0.6 : 0.8) ? best : null;
}

/** Which section a line heads, if any. */
export function sectionOfHeading(text: string): SectionId | null {
  return headingScore(text)?.id ?? null;
}

/** A stretch of lines a table was read from (indices into the document's lines, inclusive). */
export type LineSpan = { from: number; to: number };

export type Segments = {
  chrome: Set<number>;
  titleLines: number[];
  /** Heading line of each section found. */
  headings: Map<SectionId, number>;
  /** Lines of each section, heading and tables excluded. */
  sectionLines: Map<SectionId, number[]>;
  /** Sections whose heading was not printed, their text found by where it stands. */
  placedWithoutHeading: Set<SectionId>;
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

export function isTitle(text: string): boolean {
  const folded = fold(text);
  // A sentence that names the report (“现将……年度报告如下：”) is no title.
  return folded.length <= 80 && folded.includes(TITLE_WORDS) && /报告|年报/.test(folded) && !/[。；，：:]/.test(text);
}

/** An agency's name alone on a line (above a title that starts with the year, or in the 落款). */
const isNameLine = (text: string) => fold(text).length >= 2 && fold(text).length <= 40 && !/[。，；：:]/u.test(text);

/** How the names of agencies end: 人民政府, 办公室, 局, 委员会, 街道办事处 … */
export const AGENCY_ENDINGS =
  /(人民政府|政府|办公厅|办公室|委员会|管理委员会|管委会|局|厅|委|办|署|院|中心|区|县|市|州|盟|旗|镇|乡|街道|办事处|所|站|会|馆|队)$/u;

const isAgencyLine = (text: string) =>
  isNameLine(text) && AGENCY_ENDINGS.test(fold(text)) && !isPageFurniture(text) && !/\d/u.test(text);

/** What a title candidate tells: whether it names an agency before the year, and a year. */
function titleInformation(text: string): number {
  const squeezed = text.normalize("NFKC").replace(/\s+/g, "");
  const year = /\d{4}\s*年度?/u.exec(squeezed);
  const subject = squeezed.indexOf("政府信息公开");
  // The agency stands before the year (湘潭县人民政府2025年…) or between the year and 政府信息公开 (2023年湘阴县人民政府…).
  const before = year ? squeezed.slice(0, year.index) : squeezed.slice(0, Math.max(0, subject));
  const between = year && subject > year.index ? squeezed.slice(year.index + year[0].length, subject) : "";
  return (year ? 1 : 0) + (fold(before).length >= 2 || fold(between).length >= 2 ? 2 : 0);
}

type TitleChoice = { lines: number[]; information: number };

/**
 * The title: one to three short lines near the top that together name 政府信息公开 …报告
 * (“…2023年政府信息” / “公开工作年度报告”), with the agency's name on the line above when
 * the title starts with the year. A page often prints the title twice (its own heading and
 * the document's); the fuller one is taken.
 */
function findTitle(texts: readonly string[], lines: readonly SourceLine[], furniture: ReadonlySet<number>): TitleChoice | null {
  const candidates: TitleChoice[] = [];
  const usable = (index: number) =>
    index < texts.length && texts[index] !== "" && !furniture.has(index) && lines[index]!.table === null;
  let seen = 0;
  for (let index = 0; index < texts.length && seen < 60; index += 1) {
    if (!usable(index)) continue;
    seen += 1;
    // The title comes before the report's first section.
    if (headingScore(texts[index]!)) break;
    for (let length = 1; length <= 3; length += 1) {
      const window: number[] = [];
      for (let at = index; window.length < length && at < texts.length; at += 1) {
        if (texts[at] === "") continue;
        if (!usable(at) || fold(texts[at]!).length > 40) break;
        window.push(at);
      }
      if (window.length < length) break;
      const joined = window.map((at) => texts[at]!).join("");
      // Each piece must carry on the title: the last one ends it, none is a title by itself, and
      // the first is no line above it (“正文”, a column's name) that the rest is a title without.
      if (!isTitle(joined) || (length > 1 && window.some((at) => isTitle(texts[at]!)))) continue;
      if (
        length > 1 &&
        isTitle(
          window
            .slice(1)
            .map((at) => texts[at]!)
            .join(""),
        )
      )
        continue;
      if (length > 1 && !fold(texts[window[window.length - 1]!]!).match(/报告|年报/u)) continue;
      const choice: TitleChoice = { lines: window, information: titleInformation(joined) };
      // “湘潭县人民政府” above “2025年政府信息公开工作年度报告”.
      const above = index - 1;
      if (
        choice.information < 2 &&
        /^\d{4}\s*年/u.test(joined.normalize("NFKC").trim()) &&
        above >= 0 &&
        usable(above) &&
        isAgencyLine(texts[above]!) &&
        !isTitle(texts[above]!)
      ) {
        choice.lines = [above, ...window];
        choice.information += 2;
      }
      candidates.push(choice);
      break;
    }
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((best, candidate) => (candidate.information > best.information ? candidate : best));
}

/**
 * Splits the document into its parts. `tableSpans` are the stretches the tables were read
 * from: their lines belong to no narrative, and a section's heading is looked for just
 * above its table.
 */
export function segmentDocument(
  lines: readonly SourceLine[],
  tableSpans: ReadonlyMap<SectionId, LineSpan> = new Map(),
): Segments {
  const texts = lines.map(lineText);
  const inTable = (index: number) => [...tableSpans.values()].some((span) => index >= span.from && index <= span.to);
  const chrome = new Set<number>();
  texts.forEach((text, index) => {
    if (!inTable(index) && isBodyFurniture(text)) chrome.add(index);
  });

  const title = findTitle(texts, lines, chrome);
  const titleLines = title?.lines ?? [];
  const titleEnd = titleLines.length > 0 ? titleLines[titleLines.length - 1]! : -1;
  // Whatever stands above the title is the page's, not the report's.
  for (let index = 0; index < (titleLines[0] ?? 0); index += 1) if (!inTable(index)) chrome.add(index);

  // Section headings: every line that reads as one, then the best per section.
  const candidates: { index: number; id: SectionId; score: number }[] = [];
  for (let index = titleEnd + 1; index < texts.length; index += 1) {
    if (chrome.has(index) || inTable(index)) continue;
    // A printed line that carries on the sentence of the line above is no heading.
    const previous = texts[index - 1] ?? "";
    const above = lines[index - 1];
    if (
      lines[index]!.layout === "visual" &&
      above?.layout !== "whole" &&
      index - 1 !== titleEnd &&
      !candidates.some((candidate) => candidate.index === index - 1) &&
      above?.cells.length === 1 &&
      previous.length >= 15 &&
      /\p{Script=Han}$/u.test(previous)
    ) {
      continue;
    }
    // A table's own rows (“三、本年度办理结果”, table captions) head no section.
    if (lines[index]!.table !== null && lines[index]!.cells.filter((cell) => cell.trim() !== "").length > 1) continue;
    const scored = headingScore(texts[index]!);
    if (scored) candidates.push({ index, ...scored });
  }
  const headings = new Map<SectionId, number>();
  for (const section of reportSections) {
    const own = candidates.filter((candidate) => candidate.id === section.id);
    if (own.length === 0) continue;
    const span = tableSpans.get(section.id);
    // A table's section is headed by the heading nearest above the table; a narrative topic
    // that reads like it (“四、政府信息公开申请情况” in 一) is left to its section.
    const above = span ? own.filter((candidate) => candidate.index < span.from) : [];
    const chosen =
      above.length > 0 ? above[above.length - 1]! : own.reduce((best, next) => (next.score > best.score ? next : best));
    headings.set(section.id, chosen.index);
  }

  // The closing: the last date line after the last heading, with the signing agency above it;
  // what follows it is the page's footer unless it is a table printed as an attachment.
  const closingLines: number[] = [];
  const lastHeading = Math.max(-1, ...headings.values(), ...[...tableSpans.values()].map((span) => span.to));
  let last = texts.length - 1;
  while (last > lastHeading && (texts[last] === "" || chrome.has(last) || isPageFurniture(texts[last]!))) {
    if (texts[last] !== "" && !inTable(last)) chrome.add(last);
    last -= 1;
  }
  for (let index = last; index > lastHeading && index >= last - 12; index -= 1) {
    if (chrome.has(index) || inTable(index) || !dateOfLine(texts[index]!)) continue;
    const after = [];
    for (let at = index + 1; at <= last; at += 1) if (texts[at] !== "" && !inTable(at) && !chrome.has(at)) after.push(at);
    // Words after the date that read as sentences belong to the report (a note, an attachment's title).
    if (after.some((at) => /[。；]$/u.test(texts[at]!) && fold(texts[at]!).length > 30)) break;
    for (const at of after) chrome.add(at);
    closingLines.push(index);
    let above = index - 1;
    while (above > lastHeading && (texts[above] === "" || chrome.has(above))) above -= 1;
    if (above > lastHeading && isNameLine(texts[above]!) && !dateOfLine(texts[above]!) && !inTable(above)) {
      closingLines.unshift(above);
    }
    break;
  }

  // The title printed again under the page's own (“正阳街道办事处” / “2023年…年度报告”), and
  // metadata between title and text, are no part of the opening.
  const firstHeading = Math.min(texts.length, ...headings.values(), ...[...tableSpans.values()].map((span) => span.from));
  if (title) {
    const titleText = fold(titleLines.map((index) => texts[index]!).join(""));
    for (let index = titleEnd + 1; index < firstHeading; index += 1) {
      const text = texts[index]!;
      if (text === "" || chrome.has(index)) continue;
      const folded = fold(text);
      const repeatsTitle =
        (folded.length >= 2 && titleText.includes(folded) && isNameLine(text)) ||
        (isTitle(text) && similarity(folded, titleText) >= 0.7);
      if (isPageFurniture(text) || repeatsTitle) chrome.add(index);
      else break;
    }
  }

  const excluded = (index: number) =>
    chrome.has(index) || closingLines.includes(index) || inTable(index) || titleLines.includes(index) || texts[index] === "";
  const anchors = [...headings.entries()].map(([id, index]) => ({ id, index }));
  const order = new Map(reportSections.map((section, position) => [section.id, position]));
  // A table without a heading still marks where its section stands.
  for (const [id, span] of tableSpans) if (!headings.has(id)) anchors.push({ id, index: span.from - 0.5 });
  anchors.sort((a, b) => a.index - b.index);

  const sectionLines = new Map<SectionId, number[]>();
  const placedWithoutHeading = new Set<SectionId>();
  anchors.forEach((anchor, position) => {
    const end = anchors[position + 1]?.index ?? texts.length;
    const indices: number[] = [];
    for (let index = Math.floor(anchor.index) + 1; index < end; index += 1) if (!excluded(index)) indices.push(index);
    if (headings.has(anchor.id)) sectionLines.set(anchor.id, indices);
    else sectionLines.set(anchor.id, []);
  });

  // Text left under a table's section after its table belongs to the next section whose heading
  // was lost (五 after 表四: “（一）主要问题 …” with no “五、” above it).
  for (const section of reportSections) {
    const span = tableSpans.get(section.id);
    const own = sectionLines.get(section.id);
    if (!span || !own) continue;
    const after = own.filter((index) => index > span.to);
    if (after.length === 0) continue;
    const position = order.get(section.id)!;
    const nextAnchor = anchors.find((anchor) => order.get(anchor.id)! > position);
    const lost = reportSections.find(
      (candidate) =>
        order.get(candidate.id)! > position &&
        (!nextAnchor || order.get(candidate.id)! < order.get(nextAnchor.id)!) &&
        candidate.tableId === null &&
        !headings.has(candidate.id),
    );
    if (!lost) continue;
    sectionLines.set(
      section.id,
      own.filter((index) => index < span.from),
    );
    sectionLines.set(lost.id, after);
    placedWithoutHeading.add(lost.id);
  }

  const openingEnd = anchors[0]?.index ?? texts.length;
  let openingLines: number[] = [];
  for (let index = titleEnd + 1; index < openingEnd; index += 1) if (!excluded(index)) openingLines.push(index);
  // Without its heading, 一 is what follows the opening's paragraphs about the report itself
  // (its basis, its parts, its statistics period).
  if (!headings.has("overview") && openingLines.length > 0) {
    const aboutReport = /本报告|本年度报告|年度报告|年报|统计期限|统计时限|统计周期|数据统计|编制|全文|依据|根据《/u;
    const groups = paragraphGroups(openingLines.map((index) => ({ text: texts[index]!, layout: lines[index]!.layout })));
    let about = 0;
    while (about < groups.length && groups[about]!.some((position) => aboutReport.test(texts[openingLines[position]!]!)))
      about += 1;
    if (about < groups.length) {
      const split = groups[about]![0]!;
      sectionLines.set("overview", openingLines.slice(split));
      placedWithoutHeading.add("overview");
      openingLines = openingLines.slice(0, split);
    }
  }
  return { chrome, titleLines, headings, sectionLines, placedWithoutHeading, openingLines, closingLines };
}
