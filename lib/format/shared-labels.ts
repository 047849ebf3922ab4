/** Labels printed in more than one place of the national tables, defined once. */
export const TOTAL_LABEL = "总计";

/** The row-label column header of every block of 表二. */
export const INFORMATION_CONTENT_LABEL = "信息内容";

/** The only unit printed in the national tables (表二 第二十条第（八）项). */
export const AMOUNT_UNIT = "万元";

/** The report's name as the title pattern and the format's own title use it. */
export const REPORT_NAME = "政府信息公开工作年度报告";

/** Largest figure a cell holds: beyond a billion a typo is far likelier than a real count or amount. */
export const MAX_FIGURE = 1_000_000_000;
/** 万元 to the 分: real reports print 24252.311082. */
export const MAX_AMOUNT_DECIMALS = 6;

/** Counts are in 件; the unit is not printed but staff often type it. */
export const COUNT_UNIT = "件";
