import type { HeaderNode } from "./cell-types";
import { TOTAL_LABEL } from "./shared-labels";

/** The five outcome columns repeated under each group of 表四. */
const outcomeColumns: readonly HeaderNode[] = [
  { key: "upheld", label: "结果维持" },
  { key: "corrected", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "pending", label: "尚未审结" },
  { key: "total", label: TOTAL_LABEL, sumOfPrecedingSiblings: true },
];

/** 表四: 行政复议 ×5, then 行政诉讼 split into 未经复议直接起诉 ×5 and 复议后起诉 ×5. */
export const reviewsLitigationColumnTree: readonly HeaderNode[] = [
  { key: "review", label: "行政复议", children: outcomeColumns },
  {
    label: "行政诉讼",
    children: [
      { key: "litigation_direct", label: "未经复议直接起诉", children: outcomeColumns },
      { key: "litigation_after_review", label: "复议后起诉", children: outcomeColumns },
    ],
  },
];
