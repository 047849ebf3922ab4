import { describe, expect, it } from "vitest";
import { withFullStop } from "./sentence";

describe("withFullStop", () => {
  it("adds a full stop only where the text has no sentence end", () => {
    expect(withFullStop("请在文字中说明")).toBe("请在文字中说明。");
    expect(withFullStop("请在文字中说明。")).toBe("请在文字中说明。");
    expect(withFullStop("  数字有误！ ")).toBe("数字有误！");
    expect(withFullStop("是否已公开？")).toBe("是否已公开？");
    expect(withFullStop("")).toBe("");
  });
});
