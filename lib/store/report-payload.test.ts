import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import {
  MAX_REPORT_BYTES,
  parseReportPayload,
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

describe("parseReportPayload", () => {
  it("reads a report from JSON text", () => {
    const report = seed001();
    expect(parseReportPayload(JSON.stringify(report))).toEqual(report);
  });

  it("refuses more than 1 MB with status 413 before parsing", () => {
    // Multi-byte text: the limit is on UTF-8 bytes, not characters.
    const text = `"${"政".repeat(Math.ceil(MAX_REPORT_BYTES / 3))}"`;
    expect(text.length).toBeLessThan(MAX_REPORT_BYTES);
    const error = payloadError(() => parseReportPayload(text));
    expect(error).toBeInstanceOf(ReportTooLargeError);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/^报告数据过大：1,000,004 字节，上限为 1,000,000 字节/);
  });

  it("refuses text that is not JSON with status 400", () => {
    const error = payloadError(() => parseReportPayload('{"formatVersion": '));
    expect(error).toBeInstanceOf(ReportValidationError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^不是有效的 JSON：/);
  });

  it("names the first schema problem in Chinese with status 400", () => {
    const report = { ...seed001(), ledger: { ...seed001().ledger, "s3.new.natural_person": "abc" } };
    const error = payloadError(() => parseReportPayload(JSON.stringify(report)));
    expect(error).toBeInstanceOf(ReportValidationError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^不符合报告格式：表三.*（s3\.new\.natural_person）：/);
  });
});

describe("validateReport", () => {
  it("applies the size limit to a report passed as a value", () => {
    const report = seed001();
    report.narrative.overview.topics = Array.from({ length: 20 }, (_, index) => ({
      title: `专题${index + 1}`,
      body: "公".repeat(50_000),
      carriedFromLastYear: false,
    }));
    expect(payloadError(() => validateReport(report)).status).toBe(413);
  });

  it("refuses a ledger key that is not a cell of the national tables", () => {
    const report = seed001();
    const error = payloadError(() => validateReport({ ...report, ledger: { ...report.ledger, "s3.bogus.total": 1 } }));
    expect(error).toBeInstanceOf(ReportValidationError);
    expect(error.message).toMatch(/^不符合报告格式：.*s3\.bogus\.total/);
  });
});
