import { describe, expect, it } from "vitest";
import { reviewsLitigationCellId } from "@/lib/format";
import {
  countReviews,
  guessReviewKind,
  guessReviewOutcome,
  type ReviewWords,
  reviewKinds,
  reviewOutcomes,
} from "./count-reviews";
import type { RegisterRow } from "./register-cases";
import { normaliseWord } from "./register-words";

const words: ReviewWords = {
  kinds: new Map(["行政复议", "直接起诉", "复议后起诉"].map((word) => [normaliseWord(word), guessReviewKind(word)!] as const)),
  results: new Map(["维持", "撤销", "撤诉", "审理中"].map((word) => [normaliseWord(word), guessReviewOutcome(word)!] as const)),
};
const row = (rowNumber: number, received: string, kind: string, result: string, closed?: string): RegisterRow => ({
  rowNumber,
  number: "",
  cells: closed === undefined ? { received, kind, result } : { received, kind, result, closed },
});

describe("按报告年度从复议、诉讼台账数出表四", () => {
  it("表四的三组、四种结果来自格式；常见写法推荐到对应的列，“行政诉讼”一词不推荐", () => {
    expect(reviewKinds).toEqual(["review", "litigation_direct", "litigation_after_review"]);
    expect(reviewOutcomes).toEqual(["upheld", "corrected", "other", "pending"]);
    expect(guessReviewKind("复议")).toBe("review");
    expect(guessReviewKind("行政诉讼")).toBeNull();
    expect(guessReviewOutcome("驳回诉讼请求")).toBe("upheld");
    expect(guessReviewOutcome("确认违法")).toBe("corrected");
    expect(guessReviewOutcome("撤诉")).toBe("other");
    expect(guessReviewOutcome("审理中")).toBe("pending");
  });

  it("本年收到的案件按类型和结果计数；年底未结案的计尚未审结；往年的案件不计；有问题的行列出原因", () => {
    const count = countReviews(
      [
        row(2, "2025-02-01", "行政复议", "维持", "2025-04-01"),
        row(3, "2025-03-01", "直接起诉", "撤销", "2025-11-30"),
        row(4, "2025-10-01", "复议后起诉", "维持", "2026-02-01"), // 结案在来年：尚未审结
        row(5, "2025-11-01", "行政复议", "", ""), // 未结案
        row(6, "2024-11-01", "行政复议", "撤诉", "2025-01-10"), // 往年收到
        row(7, "2025-05-01", "行政诉讼", "维持", "2025-06-01"),
        row(8, "2025-05-01", "行政复议", "不予受理", "2025-06-01"),
        row(9, "2025-05-01", "行政复议", "维持", "2025-04-01"),
      ],
      words,
      2025,
    );
    const id = (kind: string, outcome: string) => reviewsLitigationCellId(`${kind}.${outcome}`);
    expect(count.casesByCell[id("review", "upheld")]).toEqual([2]);
    expect(count.casesByCell[id("litigation_direct", "corrected")]).toEqual([3]);
    expect(count.casesByCell[id("litigation_after_review", "pending")]).toEqual([4]);
    expect(count.casesByCell[id("review", "pending")]).toEqual([5]);
    expect(count.outsideYear).toBe(1);
    expect(count.waiting.map(({ rowNumber, reasons }) => [rowNumber, reasons])).toEqual([
      [7, ["案件类型“行政诉讼”还没有对应到表四的列"]],
      [8, ["审理结果“不予受理”还没有对应到表四的列"]],
      [9, ["结案日期 2025-04-01 早于收到（立案）日期 2025-05-01"]],
    ]);
    expect(Object.values(count.ledger).reduce((total, value) => (total as number) + (value as number), 0)).toBe(4);
  });
});

describe("表四各列的标签本身", () => {
  it("按格式里的标签推荐到自己（结果维持、尚未审结、未经复议直接起诉…）", () => {
    expect(guessReviewKind("未经复议直接起诉")).toBe("litigation_direct");
    expect(guessReviewKind("行政复议")).toBe("review");
    expect(guessReviewKind("复议后起诉")).toBe("litigation_after_review");
    expect(guessReviewOutcome("结果维持")).toBe("upheld");
    expect(guessReviewOutcome("结果纠正")).toBe("corrected");
    expect(guessReviewOutcome("其他结果")).toBe("other");
    expect(guessReviewOutcome("尚未审结")).toBe("pending");
  });
});
