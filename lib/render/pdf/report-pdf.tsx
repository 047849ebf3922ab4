import { Fragment, type ReactElement } from "react";
import { type DocumentBlock, DRAFT_MARK, type HeadingLevel, type ReportDocument } from "@/lib/document";
import { titleLines } from "../balanced-lines";
import { EM_DASH, TYPE_SIZE_PT } from "../gbt9704";
import { signatureLayout } from "../signature";
import type { Face, FontRole } from "./fonts";
import { INVISIBLE } from "./glyph-coverage";
import {
  BODY_CHARACTER_PITCH_PT,
  BODY_LETTER_SPACING_PT,
  FIRST_LINE_INDENT_PT,
  LINE_PITCH_PT,
  MARGIN_PT,
  PAGE_NUMBER_INDENT_PT,
  PAGE_NUMBER_TOP_PT,
  PAGE_PT,
  TYPE_AREA_PT,
} from "./measures";
import { keptTableHeight, nationalTable } from "./national-table";
import type { PdfFaces } from "./pdf-faces";
import type { DocumentProps, PdfStyle, ReactPdf } from "./react-pdf";
import { naturalWidth, type SetLine, setParagraph } from "./text-layout";

const BLACK = "#000000";
const DRAFT_RED = "#C00000";

/** 一层黑体、二层楷体、三层仿宋 (GB/T 9704-2012 7.3.3). */
const HEADING_ROLE: Readonly<Record<HeadingLevel, FontRole>> = { 1: "heading1", 2: "heading2", 3: "body" };

/** A heading keeps at least its next two lines with it, or a table's header and first two rows. */
const HEADING_PRESENCE_PT = 2 * LINE_PITCH_PT;
/** Room past the measure for a set line, so react-pdf never breaks a line the renderer has set. */
const LINE_BOX_SPARE_PT = 2 * TYPE_SIZE_PT.size3;

type Context = { pdf: ReactPdf; faces: PdfFaces; styles: Readonly<Record<FontRole, PdfStyle>> };

const textOf = (text: string) => text.replace(INVISIBLE, "");

/**
 * The baseline of a line sits one ascent (of the tallest face in it) under the line's
 * top in react-pdf. Lines in another face are moved by the difference, so every line of
 * body size stands on the grid the body face gives: 22 lines, 28.95 pt apart.
 */
function gridShift({ faces }: Context, role: FontRole, line: SetLine): number {
  const em = (face: Face) => face.ascent / face.unitsPerEm;
  const own = em(faces.faces[role]);
  // Without fallback faces every character of a line is in the role's face.
  const lineAscent =
    faces.fallbacks.length === 0
      ? own
      : Math.max(
          ...line.runs.flatMap((run) => Array.from(run.text, (character) => em(faces.faceFor(role, character.codePointAt(0)!)))),
        );
  return (em(faces.faces.body) - lineAscent) * TYPE_SIZE_PT.size3;
}

function textStyle(faces: PdfFaces, role: FontRole): PdfStyle {
  return {
    fontFamily: faces.family(role),
    fontSize: TYPE_SIZE_PT.size3,
    lineHeight: `${LINE_PITCH_PT}pt`,
    fontFeatureSettings: faces.plainFeatures,
    color: BLACK,
    width: TYPE_AREA_PT.width + LINE_BOX_SPARE_PT,
  };
}

function setText(context: Context, role: FontRole, text: string, indent: number): SetLine[] {
  return setParagraph(textOf(text), context.faces.measure(role, TYPE_SIZE_PT.size3), {
    fontSize: TYPE_SIZE_PT.size3,
    lineWidth: TYPE_AREA_PT.width,
    firstLineIndent: indent,
    letterSpacing: BODY_LETTER_SPACING_PT,
    justify: true,
  });
}

/** One set line, one Text: its runs nested in it when the spacing changes along the line. */
function lineElement(context: Context, role: FontRole, line: SetLine, indent: number, key: number): ReactElement {
  const { Text } = context.pdf;
  const shift = gridShift(context, role, line);
  const base = context.styles[role];
  const style: PdfStyle = indent === 0 ? base : { ...base, marginLeft: indent };
  const placed: PdfStyle = shift === 0 ? style : { ...style, position: "relative", top: shift };
  if (line.runs.length === 1) {
    const [run] = line.runs;
    return (
      <Text key={key} style={{ ...placed, letterSpacing: run!.letterSpacing }}>
        {run!.text}
      </Text>
    );
  }
  return (
    <Text key={key} style={placed}>
      {line.runs.map((run, position) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
        <Text key={position} style={{ letterSpacing: run.letterSpacing }}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
}

/**
 * A paragraph's lines, one Text each (react-pdf would start a run in Helvetica at every
 * hard line break). The first two and the last two lines stay together, so no page
 * starts or ends with a single line of a paragraph.
 */
function paragraphElement(context: Context, text: string, key?: number): ReactElement {
  const { View } = context.pdf;
  const lines = setText(context, "body", text, FIRST_LINE_INDENT_PT);
  const elements = lines.map((line, index) => lineElement(context, "body", line, index === 0 ? FIRST_LINE_INDENT_PT : 0, index));
  if (elements.length <= 3) {
    return (
      <View key={key} wrap={false}>
        {elements}
      </View>
    );
  }
  return (
    <View key={key}>
      <View wrap={false}>{elements.slice(0, 2)}</View>
      {elements.slice(2, -2)}
      <View wrap={false}>{elements.slice(-2)}</View>
    </View>
  );
}

/**
 * A heading: its lines kept together, on the grid, and kept with what follows. The View
 * is needed even for one line: a relatively moved Text as the page's own child throws
 * react-pdf's page splitting off the grid for the rest of the page.
 */
function headingElement(context: Context, block: Extract<DocumentBlock, { type: "heading" }>, presence: number): ReactElement {
  const role = HEADING_ROLE[block.level];
  const lines = setText(context, role, block.text, FIRST_LINE_INDENT_PT);
  const { View } = context.pdf;
  return (
    <View wrap={false} minPresenceAhead={presence}>
      {lines.map((line, index) => lineElement(context, role, line, index === 0 ? FIRST_LINE_INDENT_PT : 0, index))}
    </View>
  );
}

/**
 * A table and the empty line after it. The line is a gap (rowGap) before a zero-height mark,
 * not a padding or margin: the paginator drops a gap cut by the page end, where it would carry
 * a padding's remainder onto the next page and start that page off the grid.
 */
function tableWithEmptyLine(pdf: ReactPdf, block: Extract<DocumentBlock, { type: "table" }>): ReactElement {
  const { View } = pdf;
  return (
    <View style={{ rowGap: LINE_PITCH_PT }}>
      {nationalTable(pdf, block)}
      <View style={{ height: 0 }} />
    </View>
  );
}

function blockElement(context: Context, block: DocumentBlock, next: DocumentBlock | undefined): ReactElement {
  switch (block.type) {
    case "heading": {
      const presence = next?.type === "table" ? keptTableHeight(next) : HEADING_PRESENCE_PT;
      return headingElement(context, block, presence);
    }
    case "paragraph":
      return paragraphElement(context, block.text);
    case "table":
      return tableWithEmptyLine(context.pdf, block);
  }
}

/**
 * “— N —”, 4号宋体: odd pages on the right and even pages on the left, one character in,
 * the 一字线 (the dash's stroke, not the top of the line) 7 mm under the 版心.
 */
function pageNumbers({ pdf, faces }: Context): ReactElement {
  const { Text } = pdf;
  const size = TYPE_SIZE_PT.size4;
  const face = faces.faces.body;
  const dash = face.glyphForCodePoint(EM_DASH.codePointAt(0)!).bbox;
  const dashAboveBaseline = ((dash.minY + dash.maxY) / 2 / face.unitsPerEm) * size;
  const baseline = PAGE_NUMBER_TOP_PT + dashAboveBaseline;
  // react-pdf puts the baseline one ascent below the line's top.
  const top = baseline - (face.ascent / face.unitsPerEm) * size;
  const common: PdfStyle = {
    position: "absolute",
    top,
    width: TYPE_AREA_PT.width - PAGE_NUMBER_INDENT_PT,
    fontFamily: faces.family("body"),
    fontSize: size,
    lineHeight: `${size}pt`,
    color: BLACK,
  };
  const text = (pageNumber: number) => `${EM_DASH} ${pageNumber} ${EM_DASH}`;
  return (
    <>
      <Text
        fixed
        style={{ ...common, right: MARGIN_PT.right + PAGE_NUMBER_INDENT_PT, textAlign: "right" }}
        render={({ pageNumber }) => (pageNumber % 2 === 1 ? text(pageNumber) : "")}
      />
      <Text
        fixed
        style={{ ...common, left: MARGIN_PT.left + PAGE_NUMBER_INDENT_PT, textAlign: "left" }}
        render={({ pageNumber }) => (pageNumber % 2 === 0 ? text(pageNumber) : "")}
      />
    </>
  );
}

/** DRAFT_MARK in red in the top margin, and faintly across the 版心. */
function draftMarks({ pdf, faces }: Context): ReactElement {
  const { Text, View } = pdf;
  return (
    <>
      <View
        fixed
        style={{
          position: "absolute",
          left: MARGIN_PT.left,
          top: MARGIN_PT.top,
          width: TYPE_AREA_PT.width,
          height: TYPE_AREA_PT.height,
          alignItems: "center",
          justifyContent: "center",
        }}
      >
        <Text
          style={{
            fontFamily: faces.family("heading1"),
            fontSize: 40,
            color: DRAFT_RED,
            opacity: 0.12,
            transform: "rotate(-45deg)",
          }}
        >
          {DRAFT_MARK}
        </Text>
      </View>
      <Text
        fixed
        style={{
          position: "absolute",
          left: MARGIN_PT.left,
          top: MARGIN_PT.top / 2 - TYPE_SIZE_PT.size3,
          width: TYPE_AREA_PT.width,
          fontFamily: faces.family("heading1"),
          fontSize: TYPE_SIZE_PT.size3,
          color: DRAFT_RED,
          textAlign: "center",
        }}
      >
        {DRAFT_MARK}
      </Text>
    </>
  );
}

/** 落款 (GB/T 9704-2012 7.3.5.2): see signature.ts. */
function closingElement(
  context: Context,
  closing: NonNullable<ReportDocument["closing"]>,
  lastBlock: DocumentBlock | undefined,
): ReactElement {
  const { Text, View } = context.pdf;
  const measure = context.faces.measure("body", TYPE_SIZE_PT.size3);
  const width = (text: string) => naturalWidth(textOf(text), measure, BODY_LETTER_SPACING_PT);
  const layout = signatureLayout(
    { agencyName: textOf(closing.agencyName), date: textOf(closing.date) },
    { lineWidth: TYPE_AREA_PT.width, character: BODY_CHARACTER_PITCH_PT, width },
  );
  // After a table its own empty line is already there.
  const emptyLines = lastBlock?.type === "table" ? 0 : 1;
  const line = (text: string, left: number, key: string) => (
    <Text key={key} style={{ ...context.styles.body, marginLeft: left, letterSpacing: BODY_LETTER_SPACING_PT }}>
      {text}
    </Text>
  );
  return (
    <View wrap={false} style={{ marginTop: emptyLines * LINE_PITCH_PT }}>
      {layout.nameLines.map((text, index) => line(text, layout.nameLeft, `name-${index}`))}
      {line(textOf(closing.date), layout.dateLeft, "date")}
    </View>
  );
}

/** Title lines, 2号, centred, a long agency name broken at words into balanced lines. */
function titleElements(context: Context, title: readonly string[]): ReactElement[] {
  const { Text } = context.pdf;
  const size = TYPE_SIZE_PT.size2;
  const measure = context.faces.measure("title", size);
  const lines = titleLines(title.map(textOf), TYPE_AREA_PT.width, (text) => naturalWidth(text, measure, 0));
  return lines.map((line, index) => (
    <Text
      // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
      key={index}
      minPresenceAhead={HEADING_PRESENCE_PT}
      style={{
        fontFamily: context.faces.family("title"),
        fontSize: size,
        lineHeight: `${LINE_PITCH_PT}pt`,
        fontFeatureSettings: context.faces.plainFeatures,
        textAlign: "center",
        color: BLACK,
      }}
    >
      {line}
    </Text>
  ));
}

/** The react-pdf element tree of a report, set with the given faces. */
export function reportPdfElement(pdf: ReactPdf, doc: ReportDocument, faces: PdfFaces): ReactElement<DocumentProps> {
  const { Document, Page, View } = pdf;
  const roles: FontRole[] = ["body", "title", "heading1", "heading2"];
  const styles = Object.fromEntries(roles.map((role) => [role, textStyle(faces, role)])) as Record<FontRole, PdfStyle>;
  const context: Context = { pdf, faces, styles };
  return (
    <Document title={doc.fileBaseName} creator="年报通" producer="年报通" language="zh-CN">
      <Page
        // The paginating engine that splits rows and repeats `fixed` nodes at the head of each continuation.
        experimentalPagination
        size={[PAGE_PT.width, PAGE_PT.height]}
        style={{
          paddingTop: MARGIN_PT.top,
          paddingBottom: MARGIN_PT.bottom,
          paddingLeft: MARGIN_PT.left,
          paddingRight: MARGIN_PT.right,
        }}
      >
        {/* Page chrome first: the paginator repeats a fixed node on the pages after the one it is placed on. */}
        {doc.isDraft ? draftMarks(context) : null}
        {pageNumbers(context)}
        {titleElements(context, doc.title)}
        {/* 标题下空一行. */}
        <View style={{ height: LINE_PITCH_PT }} />
        {doc.opening.map((text, index) => paragraphElement(context, text, index))}
        {doc.blocks.map((block, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to a PDF, never re-rendered, so keys only need to be unique
          <Fragment key={index}>{blockElement(context, block, doc.blocks[index + 1])}</Fragment>
        ))}
        {doc.closing ? closingElement(context, doc.closing, doc.blocks[doc.blocks.length - 1]) : null}
      </Page>
    </Document>
  );
}
