import { describe, expect, it } from "vitest";
import { yearDueNext } from "./overview";

describe("yearDueNext", () => {
  it("is the year whose reports are due next 31 January, in China time", () => {
    expect(yearDueNext(new Date("2026-12-07T09:00:00Z"))).toBe(2026);
    expect(yearDueNext(new Date("2027-01-31T15:59:00Z"))).toBe(2026); // 31 January 23:59 in Beijing
    expect(yearDueNext(new Date("2027-01-31T16:00:00Z"))).toBe(2027); // 1 February 00:00 in Beijing
    expect(yearDueNext(new Date("2026-12-31T16:30:00Z"))).toBe(2026); // already 1 January 2027 in Beijing
    expect(yearDueNext(new Date("2026-06-15T00:00:00Z"))).toBe(2026);
  });
});
