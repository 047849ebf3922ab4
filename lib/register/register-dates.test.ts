import { describe, expect, it } from "vitest";
import { readRegisterDate } from "./register-dates";

describe("台账中的日期", () => {
  it("各种写法读成同一天", () => {
    for (const text of [
      "2025-03-05",
      "2025/3/5",
      "2025.3.5",
      "2025年3月5日",
      "20250305",
      "２０２５－０３－０５",
      "2025-03-05 14:30",
    ]) {
      expect(readRegisterDate(text), text).toBe("2025-03-05");
    }
    expect(readRegisterDate(new Date(Date.UTC(2025, 2, 5)))).toBe("2025-03-05");
    // Excel's day number for 2025-03-05, as a CSV saved from a date column without its format holds it.
    expect(readRegisterDate(45721)).toBe("2025-03-05");
    expect(readRegisterDate("45721")).toBe("2025-03-05");
  });

  it("空白为 null；不存在的日子和看不懂的文字为 invalid，不挪到邻近的一天", () => {
    expect(readRegisterDate("")).toBeNull();
    expect(readRegisterDate(null)).toBeNull();
    for (const text of ["2025-02-29", "2025-13-01", "2025年4月31日", "三月五日", "2025-03", "12", 5]) {
      expect(readRegisterDate(text), String(text)).toBe("invalid");
    }
  });
});
