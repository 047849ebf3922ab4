import { describe, expect, it } from "vitest";
import { REPEAT_RUN, repeatedShare, wordingOf } from "./similarity";

describe("repeatedShare", () => {
  const last = "持续健全依申请公开办理流程，严格按照工作规程办理，落实政府信息公开申请各环节工作要求和操作标准。";

  it("is 1 for a copy, whatever its punctuation and figures", () => {
    expect(repeatedShare(last.replace("。", "！").replace("流程", "流程 "), last)).toBe(1);
    expect(repeatedShare("2026年收到申请190件，全部按时办结，群众满意。", "2025年收到申请182件，全部按时办结，群众满意。")).toBe(
      1,
    );
  });

  it("is 0 for text written anew, and counts only runs of REPEAT_RUN characters", () => {
    expect(repeatedShare("本年度围绕重点领域加大公开力度，新增专题专栏三个。", last)).toBe(0);
    const half = `${last}${"本年度围绕重点领域加大公开力度新增专题专栏三个并开展解读活动二十场次".repeat(2)}`;
    const share = repeatedShare(half, last);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    expect(REPEAT_RUN).toBe(13);
  });

  it("reads only the wording", () => {
    expect(wordingOf("一、总体情况 （2025年）")).toBe("一总体情况0000年");
  });
});
