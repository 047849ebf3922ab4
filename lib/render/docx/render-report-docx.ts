import {
  AlignmentType,
  Document,
  type FileChild,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import { type DocumentBlock, DRAFT_MARK, printableDocument, type ReportDocument } from "@/lib/document";
import { titleLines } from "../balanced-lines";
import { CHARACTERS_PER_LINE, EM_DASH, TYPE_SIZE_PT as TYPE_SIZE } from "../gbt9704";
import { signatureLayout } from "../signature";
import { estimatedEm } from "../text-width";
import { fontTableXml } from "./font-table";
import {
  BODY_CHARACTER,
  BODY_CHARACTER_SPACING,
  FONT,
  FOOTER_DISTANCE,
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

function blockContent(block: DocumentBlock): FileChild[] {
  switch (block.type) {
    case "heading":
      return [new Paragraph({ style: HEADING_STYLES[block.level], text: block.text })];
    case "paragraph":
      return [new Paragraph({ style: STYLE_ID.body, text: block.text })];
    case "table":
      // An empty line after the table keeps the next heading off its bottom border.
      return [nationalTable(block), new Paragraph({ style: STYLE_ID.body })];
  }
}

/** 落款 per GB/T 9704-2012 7.3.5.2 (see signature.ts), placed by left indents in whole body characters. */
function closingParagraphs(closing: NonNullable<ReportDocument["closing"]>): Paragraph[] {
  const layout = signatureLayout(closing, { lineWidth: CHARACTERS_PER_LINE, character: 1, width: widthInCharacters });
  const signed = (text: string, left: number) =>
    new Paragraph({
      style: STYLE_ID.body,
      alignment: AlignmentType.LEFT,
      indent: { firstLine: 0, left: Math.round(left * CHARACTER_PITCH) },
      keepNext: true,
      text,
    });
  return [
    new Paragraph({ style: STYLE_ID.body, keepNext: true }),
    ...layout.nameLines.map((line) => signed(line, layout.nameLeft)),
    signed(closing.date, layout.dateLeft),
  ];
}

export function buildDocx(given: ReportDocument): Document {
  const doc = printableDocument(given);
  const children: FileChild[] = [];
  if (doc.isDraft) children.push(draftParagraph());
  const title = titleLines(doc.title, TITLE_CHARACTERS_PER_LINE, widthInCharacters);
  children.push(...title.map((line) => new Paragraph({ style: STYLE_ID.title, text: line })));
  // 标题下空一行.
  children.push(new Paragraph({ style: STYLE_ID.body }));
  children.push(...doc.opening.map((text) => new Paragraph({ style: STYLE_ID.body, text })));
  for (const block of doc.blocks) children.push(...blockContent(block));
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
          // Paragraphs set their exact line pitch themselves; the grid records it for Word's page setup dialog.
          grid: { linePitch: LINE_PITCH },
        },
        headers: doc.isDraft ? { default: draftHeader(1), even: draftHeader(2) } : undefined,
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children,
      },
    ],
  });
}

/** The report as a .docx laid out to GB/T 9704-2012 (A4, 版心 156 × 225 mm, 22 lines, 3号仿宋). */
export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  // docx writes a font table only for embedded fonts; this one names the faces used and their substitutes.
  const buffer = await Packer.toBuffer(buildDocx(doc), false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
