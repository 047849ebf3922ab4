import { parseReport } from "@/lib/report/parse-report";
import type { TReport } from "@/lib/report/report-schema";
import { dataTooLargeMessage, MAX_REPORT_BYTES } from "@/lib/report/size-limit";

export { MAX_REPORT_BYTES };

/** A report payload the store refuses; `status` is the HTTP status an API route answers with. */
export class ReportPayloadError extends Error {
  readonly isReportPayloadError: true;
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
    this.isReportPayloadError = true;
    this.name = new.target.name;
  }
}

/**
 * Next.js may load the store in two server layers (pages and route handlers) while the
 * store itself is one per process, so `instanceof` can meet a twin class: test the brand.
 */
export function isReportPayloadError(error: unknown): error is ReportPayloadError {
  return error instanceof Error && (error as Partial<ReportPayloadError>).isReportPayloadError === true;
}

/** Not JSON, or not a report in the project's format; the message names the first problem. */
export class ReportValidationError extends ReportPayloadError {
  constructor(message: string) {
    super(message, 400);
  }
}

export class ReportTooLargeError extends ReportPayloadError {
  constructor(bytes: number) {
    super(dataTooLargeMessage(bytes, MAX_REPORT_BYTES), 413);
  }
}

function assertWithinLimit(json: string): void {
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_REPORT_BYTES) throw new ReportTooLargeError(bytes);
}

/** Validates a report handed to the store as a value; the same limits as a request body. */
export function validateReport(input: unknown): TReport {
  const parsed = parseReport(input);
  if (!parsed.ok) throw new ReportValidationError(parsed.message);
  assertWithinLimit(JSON.stringify(parsed.report));
  return parsed.report;
}
