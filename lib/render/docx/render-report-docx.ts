import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
} from "docx";
import { DRAFT_MARK, type DocumentBlock, type ReportDocument } from "@/lib/document";
import {
  FIRST_LINE_INDENT,
  FONT,
  FOOTER_DISTANCE,
  halfPoints,
  HEADER_DISTANCE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  PAGE_NUMBER_INDENT,
  PAGE_NUMBER_LINE,
  TYPE_SIZE_PT,
} from "./gbt9704";
import { EM_DASH } from "../gbt9704";
import { nationalTable } from "./national-table";
import { fonts, reportStyles, STYLE_ID } from "./styles";

const HEADING_STYLES = { 1: STYLE_ID.heading1, 2: STYLE_ID.heading2, 3: STYLE_ID.heading3 } as const;

const draftRun = () =>
  new TextRun({ text: DRAFT_MARK, bold: true, color: "FF0000", font: fonts(FONT.heading1), size: halfPoints(TYPE_SIZE_PT.size3) });

const draftParagraph = () => new Paragraph({ alignment: AlignmentType.CENTER, children: [draftRun()] });

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

function closingParagraphs(closing: NonNullable<ReportDocument["closing"]>): Paragraph[] {
  // 正文下空一行，右空二字 (GB/T 9704-2012 7.3.5).
  const signed = (text: string) =>
    new Paragraph({ style: STYLE_ID.body, alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: FIRST_LINE_INDENT }, text });
  return [new Paragraph({ style: STYLE_ID.body }), signed(closing.agencyName), signed(closing.date)];
}

export function buildDocx(doc: ReportDocument): Document {
  const children: FileChild[] = [];
  if (doc.isDraft) children.push(draftParagraph());
  children.push(...doc.title.map((line) => new Paragraph({ style: STYLE_ID.title, text: line })));
  // 标题下空一行.
  children.push(new Paragraph({ style: STYLE_ID.body }));
  children.push(...doc.opening.map((text) => new Paragraph({ style: STYLE_ID.body, text })));
  for (const block of doc.blocks) children.push(...blockContent(block));
  if (doc.closing) children.push(...closingParagraphs(doc.closing));

  const draftHeader = () => new Header({ children: [draftParagraph()] });
  return new Document({
    title: doc.fileBaseName,
    creator: "年报通",
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
        headers: doc.isDraft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children,
      },
    ],
  });
}

/** The report as a .docx laid out to GB/T 9704-2012 (A4, 版心 156 × 225 mm, 22 lines, 3号仿宋). */
export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(buildDocx(doc)));
}
