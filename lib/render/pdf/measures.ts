/** The GB/T 9704-2012 measures in PDF points. */
import { CHARACTERS_PER_LINE, LINES_PER_PAGE, mmToPoints, PAGE_NUMBER_GAP_MM, pageGeometry, TYPE_SIZE_PT } from "../gbt9704";

export { TABLE_TEXT_PT } from "../gbt9704";

export const { page: PAGE_PT, margin: MARGIN_PT, typeArea: TYPE_AREA_PT } = pageGeometry(mmToPoints);

/** 22 lines to the 版心, rounded down to whole twips as the DOCX stores it: 28.95 pt. */
export const LINE_PITCH_PT = Math.floor((TYPE_AREA_PT.height * 20) / LINES_PER_PAGE) / 20;

/** Body characters set a little closer (to 0.01 pt) so 28 fill the 156 mm line, as in the DOCX. */
export const BODY_LETTER_SPACING_PT = Math.floor((TYPE_AREA_PT.width / CHARACTERS_PER_LINE - TYPE_SIZE_PT.size3) * 100) / 100;
export const BODY_CHARACTER_PITCH_PT = TYPE_SIZE_PT.size3 + BODY_LETTER_SPACING_PT;

/** 左空二字, in characters as set, so the first line holds 26 of them. */
export const FIRST_LINE_INDENT_PT = 2 * BODY_CHARACTER_PITCH_PT;

/** The page number's character body starts 7 mm under the 版心. */
export const PAGE_NUMBER_TOP_PT = MARGIN_PT.top + TYPE_AREA_PT.height + mmToPoints(PAGE_NUMBER_GAP_MM);
/** 单页码居右空一字，双页码居左空一字: one 4号 character. */
export const PAGE_NUMBER_INDENT_PT = TYPE_SIZE_PT.size4;

/** Rules of the tables. */
export const TABLE_RULE_PT = 0.5;
/** Single spacing: the character body (1 em) and a little room between lines. */
export const TABLE_LINE_HEIGHT_EM = 1.3;
/** Space inside a cell's rules: about 1 mm either side, and 2.5 pt above and below together. */
export const TABLE_CELL_PADDING_PT = { vertical: 2.5, horizontal: 2.5 } as const;
