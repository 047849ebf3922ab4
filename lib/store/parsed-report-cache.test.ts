import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { cachedReport, rememberReport, reportRowKey, versionRowKey } from "./parsed-report-cache";

const CELL = "s3.new.natural_person";

describe("已解析报告的缓存", () => {
  it("hands out copies: neither the writer nor a reader can change what the next reader gets", () => {
    const report = structuredClone(seedReports()[1]!.report);
    const key = reportRowKey({ id: "a", revision: 3, updatedAt: new Date(1_700_000_000_000) });
    rememberReport(key, report);
    const figure = report.ledger[CELL];
    report.ledger[CELL] = 999_999;
    const first = cachedReport(key)!;
    expect(first.ledger[CELL]).toBe(figure);
    first.ledger[CELL] = 888_888;
    expect(cachedReport(key)!.ledger[CELL]).toBe(figure);
  });

  it("keys one state of a row: another revision or write time of the same report is not found", () => {
    const at = new Date(1_700_000_000_000);
    rememberReport(reportRowKey({ id: "b", revision: 1, updatedAt: at }), seedReports()[1]!.report);
    expect(cachedReport(reportRowKey({ id: "b", revision: 2, updatedAt: at }))).toBeNull();
    expect(cachedReport(reportRowKey({ id: "b", revision: 1, updatedAt: new Date(at.getTime() + 1) }))).toBeNull();
    expect(cachedReport(versionRowKey("b", { version: 1, revision: 1, savedAt: at }))).toBeNull();
  });
});
