import { describe, expect, it } from "vitest";
import { type CellKind, MAX_AMOUNT_DECIMALS, NOT_APPLICABLE, type TCellValue } from "@/lib/format";
import { formatCellValue, normaliseEntry } from "@/lib/ledger/normalise-entry";

const hasHan = /\p{Script=Han}/u;

describe("normaliseEntry accepts", () => {
  it.each<[string, CellKind, TCellValue]>([
    ["123", "count", 123],
    ["１２３", "count", 123], // full-width digits
    ["1,234", "count", 1234],
    ["1，234", "count", 1234], // full-width comma
    ["1,234,567", "count", 1234567],
    [" 12 ", "count", 12],
    ["\u300012\u3000", "count", 12], // ideographic spaces
    ["12件", "count", 12],
    ["１２件", "count", 12],
    ["０", "count", 0],
    ["0", "count", 0],
    ["12.00", "count", 12],
    ["", "count", null],
    ["   ", "count", null],
    ["\u3000", "count", null],
    ["/", "count", NOT_APPLICABLE],
    ["／", "count", NOT_APPLICABLE], // full-width slash
    ["—", "count", NOT_APPLICABLE], // em dash
    ["-", "count", NOT_APPLICABLE],
    ["－", "count", NOT_APPLICABLE], // full-width hyphen-minus
    [" / ", "count", NOT_APPLICABLE],
    ["不适用", "count", NOT_APPLICABLE], // written out, as some offices print it in 表二
    [" 不适用 ", "amount", NOT_APPLICABLE],
    ["1 234", "count", 1234], // a space grouping thousands
    ["12 件", "count", 12],
    ["1779.2656", "amount", 1779.2656],
    ["1,779.2656万元", "amount", 1779.2656],
    ["1779.2656 万元", "amount", 1779.2656],
    ["０．５", "amount", 0.5], // full-width digits and point
    ["844", "amount", 844],
    ["1.23450", "amount", 1.2345], // trailing zeros do not count as decimals
    ["", "amount", null],
    ["/", "amount", NOT_APPLICABLE],
  ])("%j as %s → %j", (typed, kind, value) => {
    expect(normaliseEntry(typed, kind)).toEqual({ ok: true, value });
  });
});

describe("normaliseEntry refuses, quoting what was typed", () => {
  it.each<[string, CellKind, string]>([
    ["abc", "count", "不是有效的数字"],
    ["1e5", "count", "不是有效的数字"],
    ["-3", "count", "负数"],
    ["－3", "count", "负数"],
    ["1.5", "count", "整数"],
    ["1,234.5", "count", "整数"],
    ["1.2345678", "amount", `${MAX_AMOUNT_DECIMALS} 位`],
    ["-0.5", "amount", "负数"],
    ["12,34", "count", "千分位"],
    ["1,2345", "count", "千分位"],
    ["12万元", "count", "不是有效的数字"], // the money unit on a count
    ["12件", "amount", "不是有效的数字"], // the count unit on an amount
    ["  abc  ", "count", "不是有效的数字"],
    ["12 34", "count", "空格"], // two figures, not one
    ["1 2 3", "count", "空格"],
    ["1 ,234", "count", "空格"],
  ])("%j as %s (%s)", (typed, kind, reason) => {
    const outcome = normaliseEntry(typed, kind);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain(`“${typed.trim()}”`);
    expect(outcome.message).toContain(reason);
    expect(outcome.message).toMatch(hasHan);
  });
});

describe("formatCellValue", () => {
  it.each<[TCellValue | undefined, string]>([
    [0, "0"],
    [12, "12"],
    [1779.2656, "1779.2656"],
    [NOT_APPLICABLE, "/"],
    [null, ""],
    [undefined, ""],
  ])("shows %j as %j", (value, shown) => {
    expect(formatCellValue(value)).toBe(shown);
  });

  it.each<[string, CellKind]>([
    ["１２３", "count"],
    ["1,779.2656万元", "amount"],
    ["／", "count"],
    ["   ", "count"],
  ])("round-trips the normalised %j", (typed, kind) => {
    const first = normaliseEntry(typed, kind);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(normaliseEntry(formatCellValue(first.value), kind)).toEqual(first);
  });
});

describe("figures beyond a billion, and amounts to the 分", () => {
  it("refuses a typed count over 1,000,000,000 and keeps 6 decimals of 万元", () => {
    expect(normaliseEntry("1000000001", "count")).toMatchObject({ ok: false });
    expect(normaliseEntry("1000000000", "count")).toEqual({ ok: true, value: 1_000_000_000 });
    expect(normaliseEntry("24252.311082", "amount")).toEqual({ ok: true, value: 24252.311082 });
    expect(normaliseEntry("4166.241619", "amount")).toEqual({ ok: true, value: 4166.241619 });
  });

  it("prints a figure in plain digits, never in exponent form", () => {
    expect(formatCellValue(1e21)).toBe("1000000000000000000000");
    expect(formatCellValue(24252.311082)).toBe("24252.311082");
    expect(formatCellValue(0.1 + 0.2)).toBe("0.3");
  });
});
