import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, REPORT_NAME } from "@/lib/format";
import { joinParagraphLines, type ParagraphLine, type ParagraphOptions } from "@/lib/report/paragraph-lines";
import type { TReport, TReportInput } from "@/lib/report/report-schema";
import { processingFeesSentence, reportTitle } from "@/lib/report/report-wording";
import { fold } from "./fold-text";
import { AGENCY_ENDINGS, dateOfLine, lineText, type Segments } from "./segment-document";
import type { ImportNote, SourceLine } from "./types";

/**
 * The report's words: title (agency and year), the opening paragraph as published, the
 * narrative of 一 (its sub-headings as topics), 五 and 六, and the date of the 落款.
 */

type NarrativeInput = NonNullable<TReportInput["narrative"]>;

const TOPIC_HEADING = /^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$/u;
const NUMBERED_HEADING = /^\s*(\d{1,2})\s*[、.．]\s*(?!\d)(.*)$/u;

const cellText = (line: SourceLine) =>
  line.cells
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "")
    .join("");

/** The source's lines as the paragraph builder takes them; a number alone on a line is a page number, not text. */
export const paragraphLines = (lines: readonly SourceLine[]): ParagraphLine[] =>
  lines.map((line) => {
    const text = cellText(line);
    return { text: /^\d{1,3}$/.test(text) ? "" : text, layout: line.layout };
  });

/** Printed lines back into paragraphs (lib/report/paragraph-lines.ts), at the document's measure when known. */
export function paragraphsOf(lines: readonly SourceLine[], options: ParagraphOptions = {}): string[] {
  return joinParagraphLines(paragraphLines(lines), options);
}

type Topic = { title: string; body: string[] };

/** Section 一: the paragraphs before the first sub-heading, then one topic per sub-heading. */
export function readOverview(lines: readonly SourceLine[], options: ParagraphOptions = {}): NarrativeInput["overview"] {
  const paragraphs = paragraphsOf(lines, options);
  const bracketed = paragraphs.some((paragraph) => TOPIC_HEADING.test(paragraph));
  const heading = bracketed ? TOPIC_HEADING : NUMBERED_HEADING;
  const intro: string[] = [];
  const topics: Topic[] = [];
  for (const paragraph of paragraphs) {
    const match = heading.exec(paragraph);
    if (!match) {
      (topics.length > 0 ? topics[topics.length - 1]!.body : intro).push(paragraph);
      continue;
    }
    const rest = match[2]!.trim();
    // “（一）主动公开提质增效。聚焦……”: the heading runs to the first full stop.
    const stop = rest.search(/[。]/u);
    const title = stop > 0 && stop <= 30 ? rest.slice(0, stop) : rest.length <= 30 ? rest.replace(/[。]$/u, "") : "";
    const body = title === "" ? rest : rest.slice(title.length).replace(/^[。]/u, "");
    topics.push({ title: title.replace(/\s+/g, ""), body: body.trim() === "" ? [] : [body.trim()] });
  }
  return {
    intro: intro.join("\n"),
    topics: topics.map((topic) => ({ title: topic.title, body: topic.body.join("\n"), carriedFromLastYear: false })),
  };
}

/** Section 六: its text, with our own export's 信息处理费 sentence read back into the figures it came from. */
export function readOtherMatters(lines: readonly SourceLine[], options: ParagraphOptions = {}): NarrativeInput["other_matters"] {
  const paragraphs = paragraphsOf(lines, options);
  const last = paragraphs[paragraphs.length - 1];
  const fees = last ? feesOfSentence(last) : null;
  if (fees) paragraphs.pop();
  return { body: paragraphs.join("\n"), processingFees: fees ?? undefined };
}

type Fees = TReport["narrative"]["other_matters"]["processingFees"];

/** The figures of a 信息处理费 sentence, when it is exactly the sentence our export writes for them. */
function feesOfSentence(sentence: string): Fees | null {
  if (!/^本年度/u.test(sentence) || !/信息处理费/u.test(sentence)) return null;
  const number = (pattern: RegExp) => {
    const match = pattern.exec(sentence);
    return match ? Number(match[1]) : null;
  };
  const fees: Fees = {
    noticesIssued: number(/收费通知(\d+)件/u),
    noticedAmount: number(/通知金额(\d+(?:\.\d+)?)元/u),
    collectedAmount: number(/实际收取(\d+(?:\.\d+)?)元/u),
  };
  return processingFeesSentence(fees) === sentence ? fees : null;
}

export type ReportIdentity = { agencyName: string | null; year: number | null; issuedOn: string | null; notes: ImportNote[] };

const YEAR_IN_TITLE = /([0-9０-９]{4})\s*年度?/u;

function cleanAgency(raw: string): string {
  let agency = raw
    .replace(/\s+/g, "")
    .replace(/[《》“”"]/g, "")
    .replace(/关于$/u, "")
    .replace(/的$/u, "");
  // “湘阴县人民政府信息公开工作年度报告”: the 政府 of 人民政府 was taken for 政府信息公开.
  if (agency.endsWith("人民")) agency += "政府";
  return agency;
}

/** The agency and year printed in a title such as “湘潭县人民政府2025年政府信息公开工作年度报告”. */
export function identityOfTitle(title: string): { agencyName: string | null; year: number | null } {
  // Names keep their full-width brackets: 中国（湖南）自由贸易试验区.
  const text = title.replace(/\s+/g, "");
  const yearMatch = YEAR_IN_TITLE.exec(text);
  const year = yearMatch ? Number(yearMatch[1]!.normalize("NFKC")) : null;
  let agency: string | null = null;
  if (yearMatch && yearMatch.index > 0) agency = cleanAgency(text.slice(0, yearMatch.index));
  else {
    const after = yearMatch ? text.slice(yearMatch.index + yearMatch[0].length) : text;
    const end = after.indexOf("政府信息公开");
    if (end > 0) agency = cleanAgency(after.slice(0, end));
  }
  return { agencyName: agency && agency.length >= 2 ? agency : null, year };
}

/** A bare district or county in the title is often named with its city in the text: 鹤城区 → 怀化市鹤城区. */
function withCity(agency: string, text: string): string {
  if (!/[区县旗]$/u.test(agency) || /[市州盟省]/u.test(agency.slice(0, -1))) return agency;
  // The city's name is the prefix that recurs most (“由怀化市鹤城区” once, “怀化市鹤城区” every time).
  let best: { name: string; count: number } | null = null;
  for (const match of text.matchAll(new RegExp(`(\\p{Script=Han}{2,5})${agency}`, "gu"))) {
    const before = match[1]!;
    for (let length = 3; length <= before.length; length += 1) {
      const name = before.slice(before.length - length);
      if (!/[市州盟]$/u.test(name)) continue;
      const count = text.split(name + agency).length - 1;
      if (!best || count > best.count || (count === best.count && name.length < best.name.length)) best = { name, count };
    }
  }
  return best ? `${best.name}${agency}` : agency;
}

/** A year of reports: 2008 (the first 条例) to 2100. */
const isReportYear = (year: number) => year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;

/**
 * The year when the title has none: the statistics period of the opening (“统计期限为2024年1月1日…”),
 * then the 落款 (a report is signed the year after), then the file's name (“湘潭县2024年报.pdf”).
 */
function yearOutsideTitle(opening: string, issuedOn: string | null, fileName: string): { year: number; source: string } | null {
  const period = /统计(?:期限|时限|时间|周期|区间|范围)[^。]*?(\d{4})\s*年\s*1\s*月\s*1\s*日/u.exec(opening.normalize("NFKC"));
  if (period && isReportYear(Number(period[1]))) return { year: Number(period[1]), source: "统计期限" };
  if (issuedOn) return { year: Number(issuedOn.slice(0, 4)) - 1, source: "落款日期" };
  const name = fileName.replace(/^.*[\\/]/, "").normalize("NFKC");
  // “2024年”, “2024年度” first; a bare 2024 only when it is no part of a date (2025-12-30).
  const marked = /((?:19|20|21)\d{2})\s*年/u.exec(name);
  const bare = /(?<!\d)((?:20|21)\d{2})(?!\d|[-_./]\d{1,2}[-_./]\d{1,2})/u.exec(
    name.replace(/\d{4}[-_./]\d{1,2}[-_./]\d{1,2}/gu, ""),
  );
  const fromName = Number((marked ?? bare)?.[1]);
  if (fromName && isReportYear(fromName)) return { year: fromName, source: `文件名“${name}”` };
  return null;
}

export function readIdentity(
  lines: readonly SourceLine[],
  segments: Segments,
  htmlTitle: string | null,
  fileName = "",
  givenYear?: number,
): ReportIdentity {
  const notes: ImportNote[] = [];
  const texts = lines.map(lineText);
  const title = segments.titleLines.map((index) => texts[index]!).join("");
  let { agencyName, year } = identityOfTitle(title);
  // The report's basis and name stand in the opening, or at the head of 一 when the page starts there.
  const opening = [...segments.openingLines, ...(segments.sectionLines.get("overview") ?? []).slice(0, 3)]
    .map((index) => texts[index]!)
    .join("");
  if ((!agencyName || !year) && htmlTitle) {
    const fromPage = identityOfTitle(htmlTitle);
    agencyName ??= fromPage.agencyName;
    year ??= fromPage.year;
  }
  if (!agencyName) {
    // “现发布岳阳临港高新技术产业开发区政府信息公开工作年度报告”.
    const match =
      /(?:现将|现发布|现公布|现向社会公布|向社会公布|发布|编制)([\p{Script=Han}（）()]{2,40}?)(?:\d{4}\s*年度?)?政府信息公开/u.exec(
        opening.normalize("NFKC"),
      );
    if (match && AGENCY_ENDINGS.test(cleanAgency(match[1]!))) {
      agencyName = cleanAgency(match[1]!);
      notes.push({ kind: "info", cellIds: [], message: `报告没有标题，机关名称取自开头段落：“${agencyName}”` });
    }
  }
  if (!agencyName) {
    // The 落款 signs with the agency's name.
    const signer = segments.closingLines.map((index) => texts[index]!).find((text) => !dateOfLine(text));
    if (signer && AGENCY_ENDINGS.test(cleanAgency(signer))) {
      agencyName = cleanAgency(signer);
      notes.push({ kind: "info", cellIds: [], message: `标题中没有机关名称，取自落款：“${agencyName}”` });
    }
  }
  if (agencyName) {
    const fuller = withCity(agencyName, opening + texts.join(""));
    if (fuller !== agencyName) {
      notes.push({ kind: "info", cellIds: [], message: `标题中的机关名称“${agencyName}”按正文补全为“${fuller}”` });
      agencyName = fuller;
    }
  }

  let issuedOn: string | null = null;
  for (const index of segments.closingLines) issuedOn = dateOfLine(texts[index]!) ?? issuedOn;
  if (!issuedOn) {
    // Some reports print the date under the title instead: “(2026年1月23日)”.
    const titleEnd = segments.titleLines[segments.titleLines.length - 1] ?? -1;
    const under = texts
      .slice(titleEnd + 1, Math.min(texts.length, titleEnd + 6))
      .map((text, offset) => (segments.chrome.has(titleEnd + 1 + offset) ? null : dateOfLine(text)))
      .find((date) => date !== null);
    issuedOn = under ?? null;
  }
  if (!year) {
    const found = yearOutsideTitle(opening, issuedOn, fileName);
    if (found) {
      year = found.year;
      notes.push({ kind: "info", cellIds: [], message: `标题中没有年度，按${found.source}定为 ${year} 年` });
    } else if (givenYear !== undefined) {
      year = givenYear;
      notes.push({ kind: "info", cellIds: [], message: `文件中没有写明年度，按导入时给出的 ${year} 年` });
    }
  } else if (givenYear !== undefined && givenYear !== year) {
    notes.push({
      kind: "info",
      cellIds: [],
      message: `导入时给出的年度是 ${givenYear} 年，但标题写的是 ${year} 年，已按标题导入`,
    });
  }
  if (
    agencyName &&
    year &&
    fold(title) !== "" &&
    fold(title) !== fold(reportTitle({ agencyName, year })) &&
    !title.includes(REPORT_NAME)
  ) {
    notes.push({ kind: "info", cellIds: [], message: `标题“${title}”与通行写法“${reportTitle({ agencyName, year })}”不同` });
  }
  return { agencyName, year, issuedOn, notes };
}
