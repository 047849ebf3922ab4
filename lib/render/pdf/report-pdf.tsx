import { Fragment, type ReactElement } from "react";
import { DRAFT_MARK, type DocumentBlock, type HeadingLevel, type ReportDocument } from "@/lib/document";
import { EM_DASH, TYPE_SIZE_PT } from "../gbt9704";
import { BODY_FONT_ASCENT_EM, FONT_FAMILY, IDEOGRAPHIC_EM_TOP } from "./fonts";
import {
  BODY_LETTER_SPACING_PT,
  FIRST_LINE_INDENT_PT,
  LINE_PITCH_PT,
  MARGIN_PT,
  PAGE_NUMBER_INDENT_PT,
  PAGE_NUMBER_TOP_PT,
  PAGE_PT,
  TYPE_AREA_PT,
} from "./measures";
import { estimatedTableHeight, nationalTable } from "./national-table";
import type { DocumentProps, PdfStyle, ReactPdf } from "./react-pdf";

const BLACK = "#000000";
const DRAFT_RED = "#C00000";

/** Every line of body text on the fixed pitch, whatever its face or size. */
const fixedLine = { lineHeight: `${LINE_PITCH_PT}pt` } as const;

const bodyText: PdfStyle = {
  ...fixedLine,
  fontFamily: FONT_FAMILY.body,
  fontSize: TYPE_SIZE_PT.size3,
  letterSpacing: BODY_LETTER_SPACING_PT,
  color: BLACK,
};

/** 左空二字，回行顶格; lines justified so the right edge is straight. */
const paragraph: PdfStyle = { ...bodyText, textIndent: FIRST_LINE_INDENT_PT, textAlign: "justify" };

/** 一层黑体、二层楷体、三层仿宋 (GB/T 9704-2012 7.3.3). */
const HEADING_FAMILY: Readonly<Record<HeadingLevel, string>> = {
  1: FONT_FAMILY.heading1,
  2: FONT_FAMILY.heading2,
  3: FONT_FAMILY.body,
};

const title: PdfStyle = {
  ...fixedLine,
  fontFamily: FONT_FAMILY.title,
  fontSize: TYPE_SIZE_PT.size2,
  textAlign: "center",
  color: BLACK,
};

/** A heading keeps at least its next two lines with it. */
const HEADING_PRESENCE_PT = 2 * LINE_PITCH_PT;
/** …or, before a table, the whole table while it fits a page. */
const MAX_PRESENCE_PT = TYPE_AREA_PT.height - 2 * LINE_PITCH_PT;

type Neighbours = { previous: DocumentBlock | undefined; next: DocumentBlock | undefined };

function blockElement(pdf: ReactPdf, block: DocumentBlock, { previous, next }: Neighbours): ReactElement {
  const { Text } = pdf;
  // An empty line between a table and what follows keeps the text off its bottom rule.
  // It goes above the next block, not below the table: react-pdf moves a table that
  // fits a page only without its bottom margin to the next page, away from its heading.
  const afterTable: PdfStyle = previous?.type === "table" ? { marginTop: LINE_PITCH_PT } : {};
  switch (block.type) {
    case "heading": {
      const presence =
        next?.type === "table" ? Math.min(estimatedTableHeight(next), MAX_PRESENCE_PT) : HEADING_PRESENCE_PT;
      return (
        <Text
          minPresenceAhead={presence}
          style={{ ...paragraph, ...afterTable, fontFamily: HEADING_FAMILY[block.level] }}
        >
          {block.text}
        </Text>
      );
    }
    case "paragraph":
      return <Text style={{ ...paragraph, ...afterTable }}>{block.text}</Text>;
    case "table":
      return nationalTable(pdf, block, afterTable);
  }
}

/** “— N —”, 4号宋体: odd pages on the right and even pages on the left, one character in. */
function pageNumbers(pdf: ReactPdf): ReactElement {
  const { Text } = pdf;
  const size = TYPE_SIZE_PT.size4;
  // react-pdf puts the baseline one ascent below the line's top; the character body is 0.88 em above it.
  const top = PAGE_NUMBER_TOP_PT + (IDEOGRAPHIC_EM_TOP - BODY_FONT_ASCENT_EM) * size;
  const common: PdfStyle = {
    position: "absolute",
    top,
    width: TYPE_AREA_PT.width - PAGE_NUMBER_INDENT_PT,
    fontFamily: FONT_FAMILY.body,
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
function draftMarks(pdf: ReactPdf): ReactElement {
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
            fontFamily: FONT_FAMILY.heading1,
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
          fontFamily: FONT_FAMILY.heading1,
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

/** 正文下空一行，右空二字, as in the DOCX. */
function closingElement(
  pdf: ReactPdf,
  closing: NonNullable<ReportDocument["closing"]>,
  lastBlock: DocumentBlock | undefined,
): ReactElement {
  const { Text, View } = pdf;
  const signed: PdfStyle = { ...bodyText, textAlign: "right", paddingRight: FIRST_LINE_INDENT_PT };
  const emptyLines = lastBlock?.type === "table" ? 2 : 1;
  return (
    <View wrap={false} style={{ marginTop: emptyLines * LINE_PITCH_PT }}>
      <Text style={signed}>{closing.agencyName}</Text>
      <Text style={signed}>{closing.date}</Text>
    </View>
  );
}

/** The react-pdf element tree of a report. */
export function reportPdfElement(pdf: ReactPdf, doc: ReportDocument): ReactElement<DocumentProps> {
  const { Document, Page, Text, View } = pdf;
  return (
    <Document title={doc.fileBaseName} creator="年报通" producer="年报通" language="zh-CN">
      <Page
        size={[PAGE_PT.width, PAGE_PT.height]}
        style={{
          paddingTop: MARGIN_PT.top,
          paddingBottom: MARGIN_PT.bottom,
          paddingLeft: MARGIN_PT.left,
          paddingRight: MARGIN_PT.right,
        }}
      >
        {doc.isDraft ? draftMarks(pdf) : null}
        {doc.title.map((line, index) => (
          <Text key={index} style={title} minPresenceAhead={HEADING_PRESENCE_PT}>
            {line}
          </Text>
        ))}
        {/* 标题下空一行. */}
        <View style={{ height: LINE_PITCH_PT }} />
        {doc.opening.map((text, index) => (
          <Text key={index} style={paragraph}>
            {text}
          </Text>
        ))}
        {doc.blocks.map((block, index) => (
          <Fragment key={index}>
            {blockElement(pdf, block, { previous: doc.blocks[index - 1], next: doc.blocks[index + 1] })}
          </Fragment>
        ))}
        {doc.closing ? closingElement(pdf, doc.closing, doc.blocks[doc.blocks.length - 1]) : null}
        {pageNumbers(pdf)}
      </Page>
    </Document>
  );
}
