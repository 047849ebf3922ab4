import { AlignmentType, type IStylesOptions, LineRuleType } from "docx";
import { BODY_CHARACTER_SPACING, FIRST_LINE_INDENT, FONT, halfPoints, LINE_PITCH, TYPE_SIZE_PT } from "./gbt9704";

/** East-Asian text in the given face; digits and Latin letters in Times New Roman. */
export const fonts = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia });

/** Word's built-in ids for the title and headings, so its navigation pane and outline see them. */
export const STYLE_ID = {
  title: "Title",
  body: "ReportBody",
  heading1: "Heading1",
  heading2: "Heading2",
  heading3: "Heading3",
  tableText: "ReportTableText",
  /** The same in 小五, for 表三 and 表四. */
  tableTextSmall: "ReportTableTextSmall",
  /** The two table styles, keeping the row with the next one (keep-with-next). */
  tableTextKept: "ReportTableTextKept",
  tableTextSmallKept: "ReportTableTextSmallKept",
} as const;

/** Fixed line pitch: 22 lines to the 版心 whatever the face. */
const fixedLine = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

const bodyRun = {
  font: fonts(FONT.body),
  size: halfPoints(TYPE_SIZE_PT.size3),
  characterSpacing: BODY_CHARACTER_SPACING,
  color: "000000",
  bold: false,
} as const;

const heading = (id: string, name: string, face: string, outlineLevel: number) => ({
  id,
  name,
  basedOn: STYLE_ID.body,
  next: STYLE_ID.body,
  quickFormat: true,
  paragraph: { keepNext: true, keepLines: true, outlineLevel },
  run: { ...bodyRun, font: fonts(face) },
});

export const reportStyles: IStylesOptions = {
  default: {
    document: {
      run: {
        font: fonts(FONT.body),
        size: halfPoints(TYPE_SIZE_PT.size3),
        language: { value: "en-US", eastAsia: "zh-CN" },
      },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
  },
  paragraphStyles: [
    {
      id: STYLE_ID.body,
      name: "年报正文",
      basedOn: "Normal",
      next: STYLE_ID.body,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE_INDENT }, spacing: fixedLine },
      run: bodyRun,
    },
    {
      id: STYLE_ID.title,
      name: "Title",
      basedOn: "Normal",
      next: STYLE_ID.body,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.CENTER, spacing: fixedLine, keepNext: true },
      run: { font: fonts(FONT.title), size: halfPoints(TYPE_SIZE_PT.size2), color: "000000", bold: false },
    },
    heading(STYLE_ID.heading1, "heading 1", FONT.heading1, 0),
    heading(STYLE_ID.heading2, "heading 2", FONT.heading2, 1),
    heading(STYLE_ID.heading3, "heading 3", FONT.heading3, 2),
    {
      id: STYLE_ID.tableText,
      name: "年报表格",
      basedOn: "Normal",
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      },
      run: { font: fonts(FONT.body), size: halfPoints(TYPE_SIZE_PT.size5), color: "000000" },
    },
    {
      id: STYLE_ID.tableTextSmall,
      name: "年报表格小五",
      basedOn: STYLE_ID.tableText,
      run: { size: halfPoints(TYPE_SIZE_PT.size5Small) },
    },
    // Styles rather than direct formatting on each of 表三's 400 cell paragraphs keep the DOCX small and quick to write.
    { id: STYLE_ID.tableTextKept, name: "年报表格（与下段同页）", basedOn: STYLE_ID.tableText, paragraph: { keepNext: true } },
    {
      id: STYLE_ID.tableTextSmallKept,
      name: "年报表格小五（与下段同页）",
      basedOn: STYLE_ID.tableTextSmall,
      paragraph: { keepNext: true },
    },
  ],
};
