import { describe, expect, it } from "vitest";
import type { ReviewComment, TransitionRecord } from "./report-store";
import { commentsOfTransitions } from "./review-record";

const at = (minute: number, ms = 0) => new Date(Date.UTC(2026, 0, 10, 9, minute, 0, ms));
const transition = (toStatus: TransitionRecord["toStatus"], minute: number): TransitionRecord => ({
  fromStatus: "submitted",
  toStatus,
  userId: "u-r",
  userName: "审核人",
  comment: "",
  at: at(minute),
});
const comment = (body: string, minute: number, ms = 0): ReviewComment => ({
  id: body,
  cellId: "s4.review.upheld",
  sectionId: null,
  body,
  authorName: "审核人",
  createdAt: at(minute, ms),
  resolvedAt: null,
});

describe("commentsOfTransitions", () => {
  it("puts each comment beside the return that gave it (its clock read a moment before or after), resolved ones included", () => {
    const transitions = [
      transition("submitted", 1),
      transition("returned", 2),
      transition("submitted", 5),
      transition("returned", 7),
      transition("submitted", 9),
    ];
    const comments = [
      comment("维持数不对", 2, 3),
      comment("写得太简单", 2, 4),
      { ...comment("再核对", 7, 1), resolvedAt: at(8) },
    ];
    expect(commentsOfTransitions(transitions, comments).map((list) => list.map((item) => item.body))).toEqual([
      [],
      ["维持数不对", "写得太简单"],
      [],
      ["再核对"],
      [],
    ]);
  });
});
