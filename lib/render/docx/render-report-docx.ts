import {
  AlignmentType,
  Document,
  DocumentGridType,
  type FileChild,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import JSZip from "jszip";
import { type DocumentBlock, DRAFT_MARK, printableDocument, type ReportDocument } from "@/lib/document";
import { titleLines } from "../balanced-lines";
import { CHARACTERS_PER_LINE, EM_DASH, TYPE_SIZE_PT as TYPE_SIZE, withPrintedTables } from "../gbt9704";
import { signatureLayout } from "../signature";
import { estimatedEm } from "../text-width";
import { fontTableXml } from "./font-table";
import {
  BODY_CHARACTER,
  BODY_CHARACTER_SPACING,
  FONT,
  FOOTER_DISTANCE,
  GRID_CHARACTER_SPACE,
  HEADER_DISTANCE,
  halfPoints,
  LINE_PITCH,
  MARGIN,
  PAGE,
  PAGE_NUMBER_INDENT,
  PAGE_NUMBER_LINE,
  TYPE_AREA,
  TYPE_SIZE_PT,
} from "./gbt9704";
import { nationalTable } from "./national-table";
import { fonts, reportStyles, STYLE_ID } from "./styles";
import { withWatermark } from "./watermark";

const HEADING_STYLES = { 1: STYLE_ID.heading1, 2: STYLE_ID.heading2, 3: STYLE_ID.heading3 } as const;

const draftRun = () =>
  new TextRun({
    text: DRAFT_MARK,
    bold: true,
    color: "FF0000",
    font: fonts(FONT.heading1),
    size: halfPoints(TYPE_SIZE_PT.size3),
  });

const draftParagraph = () => new Paragraph({ alignment: AlignmentType.CENTER, children: [draftRun()] });

/** Width in body characters: Word sets figures and Latin letters (Times New Roman) at about half a character. */
const widthInCharacters = (text: string) => estimatedEm(text, 0.5);
/** One body character as set, in twips. */
const CHARACTER_PITCH = BODY_CHARACTER + BODY_CHARACTER_SPACING;
/** Title characters (2号, no spacing) to a line of the 版心. */
const TITLE_CHARACTERS_PER_LINE = Math.floor(TYPE_AREA.width / (TYPE_SIZE.size2 * 20));

/** “— N —” in 4号宋体: odd pages on the right, even pages on the left, one character in from the edge. */
function pageNumberFooter(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: PAGE_NUMBER_INDENT } : { left: PAGE_NUMBER_INDENT },
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({
            children: [`${EM_DASH} `, PageNumber.CURRENT, ` ${EM_DASH}`],
            font: { ascii: FONT.pageNumber, hAnsi: FONT.pageNumber, cs: FONT.pageNumber, eastAsia: FONT.pageNumber },
            size: halfPoints(TYPE_SIZE_PT.size4),
          }),
        ],
      }),
    ],
  });
}

/**
 * One empty line as space before a paragraph, not as an empty paragraph: Word drops the space
 * at the top of a page, where an empty paragraph would push the page's text a line down.
 */
const LINE_BEFORE = { before: LINE_PITCH } as const;

/** A web address, an e-mail or a token like ISO/IEC 27001:2013: Latin text long enough to leave a gap when moved whole. */
const LONG_LATIN = /[\x21-\x7e]{16,}/;

/**
 * A body paragraph, with widow and orphan control (as the PDF keeps two lines together at either
 * end of a paragraph); one holding a long web address may break inside it (docx writes wordWrap: true as <w:wordWrap w:val="0"/>), as the PDF does.
 */
function bodyParagraph(text: string, spacing?: typeof LINE_BEFORE): Paragraph {
  return new Paragraph({
    style: STYLE_ID.body,
    text,
    spacing,
    widowControl: true,
    ...(LONG_LATIN.test(text) ? { wordWrap: true } : {}),
  });
}

function blockContent(block: DocumentBlock, afterTable: boolean): FileChild[] {
  // The line after a table keeps the next heading off its bottom border.
  const spacing = afterTable ? LINE_BEFORE : undefined;
  switch (block.type) {
    case "heading":
      return [new Paragraph({ style: HEADING_STYLES[block.level], text: block.text, spacing })];
    case "paragraph":
      return [bodyParagraph(block.text, spacing)];
    case "table":
      return [nationalTable(block)];
  }
}

/**
 * 落款 per GB/T 9704 7.3.5.2 (see signature.ts), placed by left indents in whole body characters.
 * Word and WPS put a space between Chinese and figures (autoSpaceDN), which moves the date's end
 * about a character right of where it was measured: a date that ends 右空二字 is therefore set
 * flush right with a two-character right indent, so it ends there however wide Word sets it.
 */
function closingParagraphs(closing: NonNullable<ReportDocument["closing"]>): Paragraph[] {
  const layout = signatureLayout(closing, { lineWidth: CHARACTERS_PER_LINE, character: 1, width: widthInCharacters });
  const common = { style: STYLE_ID.body, keepNext: true } as const;
  const signed = (text: string, left: number, first: boolean) =>
    new Paragraph({
      ...common,
      alignment: AlignmentType.LEFT,
      indent: { firstLine: 0, left: Math.round(left * CHARACTER_PITCH) },
      // The empty line above the 落款, as space before its first line.
      spacing: first ? LINE_BEFORE : undefined,
      text,
    });
  const dateEndsRightSpaced = layout.dateLeft + widthInCharacters(closing.date) >= CHARACTERS_PER_LINE - 2 - 0.01;
  const date = dateEndsRightSpaced
    ? new Paragraph({
        ...common,
        alignment: AlignmentType.RIGHT,
        indent: { firstLine: 0, left: 0, right: 2 * CHARACTER_PITCH },
        text: closing.date,
      })
    : signed(closing.date, layout.dateLeft, false);
  return [...layout.nameLines.map((line, index) => signed(line, layout.nameLeft, index === 0)), date];
}

export function buildDocx(given: ReportDocument): Document {
  const doc = withPrintedTables(printableDocument(given));
  const children: FileChild[] = [];
  if (doc.isDraft) children.push(draftParagraph());
  const title = titleLines(doc.title, TITLE_CHARACTERS_PER_LINE, widthInCharacters);
  // 标题下空一行, as space after the title's last line.
  children.push(
    ...title.map(
      (line, index) =>
        new Paragraph({
          style: STYLE_ID.title,
          text: line,
          spacing: index === title.length - 1 ? { after: LINE_PITCH } : undefined,
        }),
    ),
  );
  children.push(...doc.opening.map((text) => bodyParagraph(text)));
  doc.blocks.forEach((block, index) => {
    children.push(...blockContent(block, doc.blocks[index - 1]?.type === "table"));
  });
  if (doc.closing) children.push(...closingParagraphs(doc.closing));

  // The draft mark in the header, and the diagonal watermark behind every page, as in the PDF.
  const draftHeader = (index: number) =>
    new Header({ children: [withWatermark(draftParagraph(), DRAFT_MARK, FONT.heading1, index)] });
  const agency = doc.title[0] ?? "";
  return new Document({
    title: doc.title.join(""),
    creator: agency,
    lastModifiedBy: agency,
    description: "年报通导出",
    styles: reportStyles,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: MARGIN.top,
              bottom: MARGIN.bottom,
              left: MARGIN.left,
              right: MARGIN.right,
              header: HEADER_DISTANCE,
              footer: FOOTER_DISTANCE,
              gutter: 0,
            },
          },
          // 22 lines × 28 characters as Word's document grid (文档网格: 指定行和字符网格); the text
          // itself keeps off the grid (see reportStylesXml) and is set to the same measures.
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: GRID_CHARACTER_SPACE },
        },
        headers: doc.isDraft ? { default: draftHeader(1), even: draftHeader(2) } : undefined,
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children,
      },
    ],
  });
}

let stylesXml: Promise<string> | undefined;

/**
 * styles.xml with the Normal style, on which every style of the report is based, off the document
 * grid (w:snapToGrid 0) and at 16 pt. The grid is declared (22 lines × 28 characters, as Word's
 * 页面设置 should show) but the text is laid out by its own exact line pitch and character spacing:
 * on the grid every 小五 table line would take a whole 28.95 pt grid line, and LibreOffice spaces
 * grid-snapped text erratically (lines of 14 characters). The 16 pt is the grid's base size for
 * LibreOffice, which reads it from the Normal style, not the document defaults. docx cannot write
 * snapToGrid on a paragraph style, so the part it writes for the (fixed) styles is patched once and reused.
 */
function reportStylesXml(): Promise<string> {
  stylesXml ??= (async () => {
    const probe = new Document({ styles: reportStyles, sections: [{ children: [] }] });
    const zip = await JSZip.loadAsync(await Packer.toBuffer(probe));
    const xml = await zip.file("word/styles.xml")!.async("string");
    const size = halfPoints(TYPE_SIZE_PT.size3);
    // CT_Style order: name … qFormat, then pPr, then rPr.
    const normal = '<w:name w:val="Normal"/><w:qFormat/>';
    const patched = xml.replace(
      normal,
      `${normal}<w:pPr><w:snapToGrid w:val="0"/></w:pPr><w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`,
    );
    if (patched === xml) throw new Error("styles.xml has no Normal style to take the grid settings");
    return patched;
  })();
  return stylesXml;
}

/** The report as a .docx laid out to GB/T 9704-2012 (A4, 版心 156 × 225 mm, 22 lines, 3号仿宋). */
export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  // docx writes a font table only for embedded fonts; this one names the faces used and their substitutes.
  const buffer = await Packer.toBuffer(buildDocx(doc), false, [
    { path: "word/fontTable.xml", data: fontTableXml() },
    { path: "word/styles.xml", data: await reportStylesXml() },
  ]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
