/**
 * GB/T 9704-2012 page and type measures (domain.md §6), in the units Word stores:
 * twips (1/20 pt) for lengths, half-points for font sizes.
 */
import { CHARACTERS_PER_LINE, LINES_PER_PAGE, PAGE_NUMBER_GAP_MM, pageGeometry, TYPE_SIZE_PT } from "../gbt9704";

export { CHARACTERS_PER_LINE, LINES_PER_PAGE, TYPE_SIZE_PT };

/**
 * mm → twips as Word converts a length typed in centimetres: to points rounded to
 * 0.1 pt, then to twips. This gives the values of the usual 公文 templates
 * (37/35/28/26 mm → 2098/1984/1588/1474) where plain rounding would give 1587 for 28 mm.
 */
export function mmToTwips(mm: number): number {
  const points = Math.round((mm * 72 * 10) / 25.4) / 10;
  return Math.round(points * 20);
}

export const halfPoints = (points: number) => Math.round(points * 2);
export const pointsToTwips = (points: number) => Math.round(points * 20);

export const { page: PAGE, margin: MARGIN, typeArea: TYPE_AREA } = pageGeometry(mmToTwips);

/** 22 lines fill the 版心; rounded down so the 22nd line still fits. */
export const LINE_PITCH = Math.floor(TYPE_AREA.height / LINES_PER_PAGE);

export const BODY_CHARACTER = pointsToTwips(TYPE_SIZE_PT.size3);

/**
 * The document grid's 28 characters to the line (Word's 文档网格 “指定行和字符网格”): Word's grid
 * character is the Normal style's 16 pt plus charSpace/4096 pt, and it fits as many whole grid
 * characters as the 版心 holds, so charSpace is the largest giving 28 (−849, as in the 公文 templates).
 */
export const GRID_CHARACTER_SPACE = Math.floor((TYPE_AREA.width / CHARACTERS_PER_LINE / 20 - TYPE_SIZE_PT.size3) * 4096);

/**
 * LibreOffice takes that grid character in whole twips, rounded down (315), and narrows the text
 * area to 28 of them, centred in the 版心.
 */
const GRID_CHARACTER_LIBREOFFICE = Math.floor(BODY_CHARACTER + (GRID_CHARACTER_SPACE * 20) / 4096);

/**
 * 28 characters per line: the body's 16 pt characters are set slightly closer, a twip narrower than
 * LibreOffice's grid character, so 28 fit on a line in Word, WPS and LibreOffice alike.
 */
export const BODY_CHARACTER_SPACING = GRID_CHARACTER_LIBREOFFICE - 1 - BODY_CHARACTER;

/** 左空二字: paragraphs and headings start two characters in. */
export const FIRST_LINE_INDENT = 2 * BODY_CHARACTER;

/** Page number: 4号, its 一字线 7 mm below the 版心, one 4号 character in from the outer edge. */
export const PAGE_NUMBER_LINE = pointsToTwips(TYPE_SIZE_PT.size4);
export const PAGE_NUMBER_INDENT = pointsToTwips(TYPE_SIZE_PT.size4);
/**
 * Where the 一字线 sits in the page number's line: 宋体's character body is exactly one em
 * (ascent 0.859 + descent 0.141), so a 14 pt exact line holds it whole, and its 一字线
 * runs through the middle of that body.
 */
export const PAGE_NUMBER_DASH_BELOW_LINE_TOP = PAGE_NUMBER_LINE / 2;
/**
 * Word measures the footer from the page's bottom edge to the bottom of the footer line;
 * the line is placed so that its dash, not its top, is 7 mm under the 版心.
 */
export const FOOTER_DISTANCE =
  MARGIN.bottom - (mmToTwips(PAGE_NUMBER_GAP_MM) - PAGE_NUMBER_DASH_BELOW_LINE_TOP) - PAGE_NUMBER_LINE;
export const HEADER_DISTANCE = mmToTwips(15);

export const FONT = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  heading3: "仿宋_GB2312",
  pageNumber: "宋体",
  latin: "Times New Roman",
} as const;
