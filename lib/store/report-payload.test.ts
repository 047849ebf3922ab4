import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import {
  MAX_REPORT_BYTES,
  ReportPayloadError,
  ReportTooLargeError,
  ReportValidationError,
  validateReport,
} from "./report-payload";

const seed001 = () => structuredClone(seedReports()[1]!.report);

function payloadError(work: () => unknown): ReportPayloadError {
  try {
    work();
  } catch (error) {
    if (error instanceof ReportPayloadError) return error;
    throw error;
  }
  throw new Error("expected a ReportPayloadError");
}

describe("validateReport", () => {
  it("returns a valid report as it is", () => {
    const report = seed001();
    expect(validateReport(structuredClone(report))).toEqual(report);
  });

  it("refuses more than 1 MB of UTF-8 with status 413, naming the bytes and the limit", () => {
    // Multi-byte text: the limit is on UTF-8 bytes, not characters.
    const report = seed001();
    report.narrative.overview.topics = Array.from({ length: 7 }, (_, index) => ({
      title: `专题${index + 1}`,
      body: "政".repeat(50_000),
      carriedFromLastYear: false,
    }));
    expect(JSON.stringify(report).length).toBeLessThan(MAX_REPORT_BYTES);
    const error = payloadError(() => validateReport(report));
    expect(error).toBeInstanceOf(ReportTooLargeError);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^提交的数据过大：1,0\d\d,\d{3} 字节，上限为 1,000,000 字节（1 MB）$/);
  });

  it("names the first schema problem in Chinese with status 400", () => {
    const report = { ...seed001(), ledger: { ...seed001().ledger, "s3.new.natural_person": "abc" } };
    const error = payloadError(() => validateReport(report));
    expect(error).toBeInstanceOf(ReportValidationError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^不符合报告格式：表三.*（s3\.new\.natural_person）：/);
  });

  it("refuses a ledger key that is not a cell of the national tables", () => {
    const report = seed001();
    const error = payloadError(() => validateReport({ ...report, ledger: { ...report.ledger, "s3.bogus.total": 1 } }));
    expect(error).toBeInstanceOf(ReportValidationError);
    expect(error.message).toMatch(/^不符合报告格式：.*s3\.bogus\.total/);
  });
});
