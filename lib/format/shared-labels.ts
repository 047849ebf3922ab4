/** Labels printed in more than one place of the national tables, defined once. */
export const TOTAL_LABEL = "总计";

/** The row-label column header of every block of 表二. */
export const INFORMATION_CONTENT_LABEL = "信息内容";

/** The only unit printed in the national tables (表二 第二十条第（八）项). */
export const AMOUNT_UNIT = "万元";

/** Counts are in 件; the unit is not printed but staff often type it. */
export const COUNT_UNIT = "件";
