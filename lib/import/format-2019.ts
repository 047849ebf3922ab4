/**
 * The 2019 format (国办公开办函〔2019〕60号 试行格式), as printed by reports for 2019 and
 * 2020. The importer only recognises it: the app writes the 2021 format. These are the
 * 2019 table's own words, which the 2021 format does not have; 表三 of 2019 differs only
 * in its single （六）其他处理 row, which the 2021 labels already find.
 */

/** 表二 第二十条第（一）项 of 2019: its three columns, in order. */
export const ACTIVE_DISCLOSURE_2019_ITEM1 = ["本年新制作数量", "本年新公开数量", "对外公开总数量"] as const;

/** 表二 第二十条第（五）（六）（八）项 of 2019: counts of items and decisions, not amounts. */
export const ACTIVE_DISCLOSURE_2019_DECISIONS = ["上一年项目数量", "本年增/减", "处理决定数量"] as const;

/** 2019 rows the 2021 format dropped or renamed. */
export const ACTIVE_DISCLOSURE_2019_ROWS = {
  normativeDocuments: "规范性文件",
  otherServices: "其他对外管理服务事项",
  procurement: "政府集中采购",
} as const;

/** The 2019 item that the 2021 format no longer has. */
export const ACTIVE_DISCLOSURE_2019_ITEM9 = "第二十条第（九）项";
