import mammoth from "mammoth";
import { type CellId, getSection, reportSections, type SectionId, type TableId, type TCellValue, tableCells } from "@/lib/format";
import { documentWrapWidth } from "@/lib/report/paragraph-lines";
import { FORMAT_VERSION, type TReport, ZReport } from "@/lib/report/report-schema";
import { declaredCharset, htmlLines } from "./extract-html";
import { PdfRefusal, pdfLines } from "./extract-pdf";
import { decodeText, textLines } from "./extract-text";
import { fold } from "./fold-text";
import { MAX_IMPORT_BYTES, tooLargeMessage } from "./limits";
import { readActiveDisclosure } from "./read-active-disclosure";
import { readApplications } from "./read-applications";
import { paragraphLines, paragraphsOf, readIdentity, readOtherMatters, readOverview } from "./read-narrative";
import { readBareReviewsLitigation, readReviewsLitigation } from "./read-reviews-litigation";
import { dateOfLine, type LineSpan, lineText, type Segments, sectionOfHeading, segmentDocument } from "./segment-document";
import type { TableImport } from "./table-result";
import type { ImportNote, SourceLine, SourceType } from "./types";
import { checkZipLimits, ZipLimitError } from "./zip-limits";

export { MAX_IMPORT_BYTES, tooLargeMessage };

export type ImportRefusalReason =
  | "too_large"
  | "unsupported_type"
  | "encrypted"
  | "scanned"
  | "damaged"
  | "not_a_report"
  | "no_year"
  | "failed"
  /** Reading took longer than the time limit, or more memory than the limit (an upload read in a worker). */
  | "too_slow"
  | "too_complex";

export type ImportOptions = {
  /** The year to use when the file states none (command line --year, the upload screen's 年度). */
  year?: number;
};

export type ImportOutcome =
  | { ok: true; report: TReport; notes: ImportNote[]; sourceType: SourceType }
  | { ok: false; reason: ImportRefusalReason; message: string };

const refuse = (reason: ImportRefusalReason, message: string): ImportOutcome => ({ ok: false, reason, message });

const startsWith = (bytes: Uint8Array, ...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

/** What the file is, by its first bytes (the name's extension only breaks ties). */
function sniff(bytes: Uint8Array, fileName: string): SourceType | { refuse: string } {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return "pdf";
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
    if (head.includes("word/")) return "docx";
    if (head.includes("opendocument"))
      return { refuse: "这是 OpenDocument（.odt）文件，请在 WPS 或 LibreOffice 中另存为 .docx 或 PDF 后再导入" };
    if (head.includes("xl/")) return { refuse: "这是 Excel 表格文件，不是年度报告；请导入报告的 PDF、Word（.docx）、网页或文本" };
    return extension === "docx"
      ? "docx"
      : { refuse: "这是一个压缩文件，不是年度报告；请导入报告的 PDF、Word（.docx）、网页或文本" };
  }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0))
    return { refuse: "这是旧版 Word（.doc）或 Excel（.xls）文件，请在 Word 或 WPS 中另存为 .docx 或 PDF 后再导入" };
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x47, 0x49, 0x46) ||
    startsWith(bytes, 0x49, 0x49, 0x2a) ||
    startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a) ||
    startsWith(bytes, 0x42, 0x4d)
  ) {
    return { refuse: "这是图片（扫描件），没有文字可读；请提供带文字层的 PDF、Word（.docx）或网页，或先做文字识别（OCR）" };
  }
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66))
    return { refuse: "这是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再导入" };
  const sample = bytes.subarray(0, 4096);
  if (sample.some((byte) => byte === 0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    return {
      refuse: `不支持的文件类型${extension ? `（.${extension}）` : ""}：请导入 PDF、Word（.docx）、网页（.html）或文本（.txt/.md）`,
    };
  }
  const text = new TextDecoder("latin1").decode(sample).trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(text) || ["html", "htm", "shtml", "xhtml", "mht"].includes(extension))
    return "html";
  if (/<(p|div|table|span|br|h[1-6])[\s>/]/.test(text) && /<\/(p|div|table|td|span)>/.test(text)) return "html";
  return "text";
}

async function extract(bytes: Uint8Array, type: SourceType): Promise<{ lines: SourceLine[]; title: string | null }> {
  if (type === "pdf") return { lines: await pdfLines(bytes), title: null };
  if (type === "docx") {
    // Sizes and entry count checked before the reader inflates anything (a zip bomb).
    await checkZipLimits(bytes);
    const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return htmlLines(value);
  }
  if (type === "html") return htmlLines(decodeText(bytes, declaredCharset(bytes)));
  return { lines: textLines(decodeText(bytes)), title: null };
}

/** A stretch of the document as table text (cells joined by tabs, lines by newlines), and where each line starts. */
type Region = { text: string; reliable: boolean; indices: readonly number[]; starts: number[] };

function regionOf(lines: readonly SourceLine[], indices: readonly number[]): Region {
  const starts: number[] = [];
  let offset = 0;
  const texts = indices.map((index) => {
    const text = lines[index]!.cells.join("\t");
    starts.push(offset);
    offset += text.length + 1;
    return text;
  });
  const tableLines = indices.map((index) => lines[index]!).filter((line) => line.cells.length > 1);
  return {
    text: texts.join("\n"),
    reliable: tableLines.length > 0 && tableLines.every((line) => line.reliableCells),
    indices,
    starts,
  };
}

/** The document lines a table's offsets cover. */
function spanLines(region: Region, span: { from: number; to: number }): LineSpan {
  const lineAt = (offset: number) => {
    let low = 0;
    let high = region.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (region.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return region.indices[low]!;
  };
  return { from: lineAt(span.from), to: lineAt(Math.max(span.from, span.to - 1)) };
}

/**
 * A span widened over the rest of the printed table it lies in (a caption or header row
 * above its first label, a header or an empty row after its last figures): the lines of one
 * table of the source, when the source marks tables (HTML, Word, markdown pipes).
 */
function widenToTable(lines: readonly SourceLine[], span: LineSpan): LineSpan {
  const tablesInside = new Set<number>();
  for (let index = span.from; index <= span.to; index += 1) {
    const table = lines[index]!.table;
    if (table !== null && lines[index]!.cells.length > 1) tablesInside.add(table);
  }
  let { from, to } = span;
  const belongs = (index: number) => {
    const line = lines[index];
    return line !== undefined && line.table !== null && tablesInside.has(line.table);
  };
  while (belongs(from - 1)) from -= 1;
  while (belongs(to + 1)) to += 1;
  return { from, to };
}

type TableReader = (text: string, reliable: boolean) => TableImport & { format?: "2021" | "2019" | null };

const TABLES = [
  { tableId: "s3", section: "applications", reader: readApplications },
  { tableId: "s2", section: "active_disclosure", reader: readActiveDisclosure },
  { tableId: "s4", section: "reviews_litigation", reader: readReviewsLitigation },
] as const satisfies readonly { tableId: TableId; section: SectionId; reader: TableReader }[];

const quality = (table: TableImport) => table.cells.size + table.unconfirmed.length;

/**
 * Each table found by its content — the labels of its rows and the figures under them —
 * wherever it stands: in its own section when that section reads it whole, else anywhere in
 * the report (tables printed after the narrative, numbered 一/二/三, under a mistaken heading).
 */
function readTables(lines: readonly SourceLine[], first: Segments) {
  const tables = new Map<TableId, TableImport & { format?: "2021" | "2019" | null }>();
  const spans = new Map<SectionId, LineSpan>();
  const claimed = new Set<number>();
  const body = lines.map((_, index) => index).filter((index) => !first.chrome.has(index) && !first.titleLines.includes(index));
  for (const { tableId, section, reader } of TABLES) {
    const complete = tableCells(tableId).length;
    const attempts: number[][] = [];
    const heading = first.headings.get(section);
    if (heading !== undefined) attempts.push([heading, ...(first.sectionLines.get(section) ?? [])]);
    attempts.push(body.filter((index) => !claimed.has(index)));
    let best: { table: TableImport & { format?: "2021" | "2019" | null }; region: Region } | null = null;
    for (const indices of attempts) {
      const region = regionOf(lines, indices);
      const table = reader(region.text, region.reliable);
      if (!best || quality(table) > quality(best.table) || (!best.table.found && table.found)) best = { table, region };
      if (quality(table) >= 0.9 * complete) break;
    }
    let chosen = best!;
    if (tableId === "s4" && !chosen.table.found) {
      // 表四 printed as its fifteen figures without a header: found by the groups' totals.
      const region = regionOf(lines, attempts[attempts.length - 1]!);
      chosen = { table: readBareReviewsLitigation(region.text), region };
    }
    tables.set(tableId, chosen.table);
    if (chosen.table.found && chosen.table.span) {
      const span = widenToTable(lines, spanLines(chosen.region, chosen.table.span));
      spans.set(section, span);
      for (let index = span.from; index <= span.to; index += 1) claimed.add(index);
    }
  }
  return { tables: { s2: tables.get("s2")!, s3: tables.get("s3")!, s4: tables.get("s4")! }, spans };
}

const sectionName = (id: SectionId) => {
  const section = getSection(id);
  return `${section.ordinal}、${section.title}`;
};

/** Sentences of the narrative that quote figures of the tables, for a report that printed no tables. */
function quotedFigures(text: string): string[] {
  return (text.match(/[^。；]*?(申请|复议|诉讼|规范性文件)[^。；]*?\d+\s*件[^。；]*/gu) ?? [])
    .map((sentence) => sentence.trim())
    .slice(0, 3);
}

/**
 * Sections the source lacks (no heading, no text placed there, no table found), and sections
 * whose heading has nothing under it (structure.section_empty says so).
 */
function importedSections(
  segments: Segments,
  texts: readonly string[],
  tables: Record<TableId, TableImport>,
): { absent: SectionId[]; empty: SectionId[] } {
  const present = (section: (typeof reportSections)[number]) =>
    segments.headings.has(section.id) ||
    ((segments.sectionLines.get(section.id) ?? []).some((index) => texts[index]!.trim() !== "") &&
      segments.placedWithoutHeading.has(section.id)) ||
    (section.tableId !== null && tables[section.tableId].found);
  return {
    absent: reportSections.filter((section) => !present(section)).map((section) => section.id),
    empty: reportSections
      .filter(
        (section) =>
          segments.headings.has(section.id) &&
          !(section.tableId !== null && tables[section.tableId].found) &&
          (segments.sectionLines.get(section.id) ?? []).every((index) => texts[index]!.trim() === ""),
      )
      .map((section) => section.id),
  };
}

/** The schema's limit on one note's message; a longer one is cut, its cells all kept in `cellIds`. */
const NOTE_LIMIT = 2000;

/** Notes that fit the report's schema: a message over the limit shortened (the cells it names stay listed in full). */
export function fitNotes(notes: readonly ImportNote[]): ImportNote[] {
  return notes.slice(0, 1000).map((note) => {
    const cellIds = [...new Set(note.cellIds)].slice(0, 200);
    if (note.message.length <= NOTE_LIMIT) return { ...note, cellIds };
    const tail = `……（说明过长，已截短${cellIds.length > 0 ? `；涉及的 ${cellIds.length} 个单元格都已列出` : ""}）`;
    return { ...note, cellIds, message: note.message.slice(0, NOTE_LIMIT - tail.length) + tail };
  });
}

/**
 * Reads a published 年报 (PDF, DOCX, HTML, text or Markdown) into the report format,
 * keeping every figure as printed, stated totals included. Figures that could not be
 * read with certainty are named in the notes and listed in `importReview.unconfirmedCellIds`.
 * Refuses, with a Chinese message, what is not a readable report.
 */
export async function importPublishedReport(
  bytes: Uint8Array,
  fileName: string,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  try {
    return await readPublishedReport(bytes, fileName, options);
  } catch (error) {
    // One file the reader trips on is refused with the reason; a batch of files goes on.
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(
      "failed",
      `读取这份文件时出错（${detail.slice(0, 200)}），未能导入；请把文件转存为 PDF 或 Word 后再试，或告知维护人员`,
    );
  }
}

async function readPublishedReport(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportOutcome> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    return refuse("too_large", tooLargeMessage(bytes.length));
  }
  if (bytes.length === 0) return refuse("not_a_report", "文件是空的");
  const type = sniff(bytes, fileName);
  if (typeof type !== "string") return refuse("unsupported_type", type.refuse);

  let extracted: { lines: SourceLine[]; title: string | null };
  try {
    extracted = await extract(bytes, type);
  } catch (error) {
    if (error instanceof PdfRefusal) return refuse(error.reason, error.message);
    if (error instanceof ZipLimitError) return refuse("too_large", error.message);
    const detail = error instanceof Error ? error.message : String(error);
    return refuse("damaged", type === "docx" ? `Word 文件无法打开（${detail}），可能已损坏` : `文件无法读取（${detail}）`);
  }
  const { lines } = extracted;
  const { tables, spans } = readTables(lines, segmentDocument(lines));
  const segments = segmentDocument(lines, spans);
  // Figures under the tables' own labels, or the sections' headings: a page that merely mentions 规章 is no report.
  const figuresRead = Object.values(tables).reduce((count, table) => count + table.cells.size, 0);
  // A page that names itself a 年报 in its opening (“现公布…年度报告”) and shows one of its sections is one too, cut short.
  const namesItself =
    segments.openingLines.some((index) => /政府信息公开.{0,4}年度报告|政府信息公开年报/u.test(lineText(lines[index]!))) ||
    lines.slice(0, 40).some((line) => /现(将|公布|发布).{2,40}政府信息公开.{0,4}年度报告/u.test(lineText(line)));
  const isReport =
    segments.headings.size >= 3 ||
    figuresRead >= 10 ||
    ((segments.titleLines.length > 0 || namesItself) && segments.headings.size >= 1);
  if (!isReport) {
    const first = lines.map(lineText).find((text, index) => text !== "" && !segments.chrome.has(index)) ?? "";
    return refuse(
      "not_a_report",
      `不是政府信息公开工作年度报告：没有找到“${sectionName("overview")}”等六个部分的标题，也没有找到统计表${first ? `（文件开头是“${first.slice(0, 30)}”）` : ""}`,
    );
  }

  const notes: ImportNote[] = [];
  const identity = readIdentity(lines, segments, extracted.title, fileName, options.year);
  notes.push(...identity.notes);
  if (!identity.year) {
    return refuse(
      "no_year",
      "无法确定报告年度：标题、开头段落、落款和文件名中都没有年份；请在导入时给出年度（命令行 --year，导入窗口的“年份”）",
    );
  }
  let agencyName = identity.agencyName;
  if (!agencyName) {
    agencyName =
      fileName
        .replace(/^.*[\\/]/, "")
        .replace(/\.[^.]+$/, "")
        .replace(/\d{4}\s*年.*$/u, "")
        .trim() || fileName;
    notes.push({ kind: "info", cellIds: [], message: `没有找到机关名称，暂用文件名“${agencyName}”，请改为机关全称` });
  }

  const texts = lines.map(lineText);
  const sectionSource = (id: SectionId) => (segments.sectionLines.get(id) ?? []).map((index) => lines[index]!);
  for (const { id, tableId } of reportSections) {
    if (segments.headings.has(id)) continue;
    const tableFound = tableId !== null && tables[tableId].found;
    notes.push({
      kind: segments.placedWithoutHeading.has(id) || tableFound ? "info" : "missing",
      cellIds: [],
      message: segments.placedWithoutHeading.has(id)
        ? `没有找到“${sectionName(id)}”这一部分的标题，按位置把${id === "overview" ? "开头段落之后" : "上一部分的表格之后"}的文字归入这一部分`
        : tableFound
          ? `没有找到“${sectionName(id)}”这一部分的标题，其统计表按表中的行名和数字找到`
          : `没有找到“${sectionName(id)}”这一部分的标题`,
    });
  }
  const narrativeOnly = Object.values(tables).every((table) => !table.found);
  if (narrativeOnly) {
    const quoted = quotedFigures(paragraphsOf(sectionSource("overview")).join("。"));
    notes.push({
      kind: "narrative_only",
      cellIds: [],
      message: `这份报告没有印出统计表（第二、三、四部分${segments.headings.has("applications") ? "只有标题" : "没有找到"}），表格留空；${quoted.length > 0 ? `正文中的数字（如“${quoted[0]}”）未填入表格，请按正文和原始台账填写` : "请按原始台账填写"}`,
    });
  } else {
    const missingTables = (
      [
        ["s2", "active_disclosure"],
        ["s3", "applications"],
        ["s4", "reviews_litigation"],
      ] as const
    ).filter(([tableId]) => !tables[tableId].found);
    for (const [, section] of missingTables) {
      notes.push({ kind: "missing", cellIds: [], message: `没有找到“${sectionName(section)}”的统计表，该表留空` });
    }
  }

  const ledger: Record<CellId, TCellValue> = {};
  const unconfirmed: CellId[] = [];
  for (const table of Object.values(tables)) {
    for (const [cellId, value] of table.cells) ledger[cellId] = value;
    notes.push(...table.notes);
    unconfirmed.push(...table.unconfirmed);
  }
  const formats = [tables.s2.format, tables.s3.format].filter((format): format is "2021" | "2019" => !!format);
  const detectedFormat = formats.includes("2019") ? "2019" : formats.length > 0 ? "2021" : "unknown";
  if (detectedFormat === "2019") {
    notes.unshift({
      kind: "format",
      cellIds: [],
      message: "统计表是 2019 年格式（国办公开办函〔2019〕60号），已按 2021 年格式读入，说明见下",
    });
  }

  // The agency's name and the date printed under the title are no part of the opening paragraph.
  const openingLines = segments.openingLines.filter(
    (index) => dateOfLine(texts[index]!) === null && fold(texts[index]!) !== fold(agencyName),
  );
  // The document's measure, from all its text (a short section shows too few lines to find it).
  const narrativeIndices = [...segments.openingLines, ...[...segments.sectionLines.values()].flat()].sort((a, b) => a - b);
  const measure = { width: documentWrapWidth(paragraphLines(narrativeIndices.map((index) => lines[index]!))) };
  const opening = paragraphsOf(
    openingLines.map((index) => lines[index]!),
    measure,
  ).filter((paragraph) => sectionOfHeading(paragraph) === null);
  // The title as printed (structure.title compares it with the standard one); spaces in a Chinese title are layout.
  const publishedTitle = segments.titleLines
    .map((index) => texts[index]!)
    .join("")
    .replace(/\s+/gu, "");
  const fittedNotes = fitNotes(notes);
  const report = ZReport.parse({
    formatVersion: FORMAT_VERSION,
    info: {
      agencyName,
      year: identity.year,
      openingParagraph: opening.length > 0 ? opening.join("\n") : null,
      issuedOn: identity.issuedOn,
      title: publishedTitle === "" ? null : publishedTitle.slice(0, 200),
    },
    narrative: {
      overview: readOverview(sectionSource("overview"), measure),
      problems: { body: paragraphsOf(sectionSource("problems"), measure).join("\n") },
      other_matters: readOtherMatters(sectionSource("other_matters"), measure),
    },
    ledger,
    importedSections: importedSections(segments, texts, tables),
    importReview: {
      source: { fileName: fileName.replace(/^.*[\\/]/, "").slice(0, 300), fileType: type },
      detectedFormat,
      notes: fittedNotes,
      unconfirmedCellIds: [...new Set(unconfirmed)],
    },
  });
  return { ok: true, report, notes: fittedNotes, sourceType: type };
}
