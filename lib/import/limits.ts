/**
 * The upload limit and the year an upload may carry, apart from the importer so that the
 * browser can check them before sending a file without loading the readers (pdf.js, mammoth).
 */
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from "@/lib/format/cell-types";

/** The header an upload names its file in (percent-encoded UTF-8): the browser sends it, the upload routes read it. */
export const FILE_NAME_HEADER = "x-file-name";

/** Largest file accepted: a published report is a few hundred kilobytes; 20 MB leaves room for images. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The refusal of a file over the limit; `bytes` null when only “more than the limit” is known (an upload cut off while streaming). */
export function tooLargeMessage(bytes: number | null): string {
  const limit = `最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
  return bytes === null ? `文件过大，${limit}` : `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），${limit}`;
}

/** A year given on import, as a person types it (full-width digits, “2024年”); null when it is no report year. */
export function parseGivenYear(text: string): number | null {
  const match = /^\s*(\d{4})\s*(年度?)?\s*$/u.exec(text.normalize("NFKC"));
  const year = match ? Number(match[1]) : Number.NaN;
  return year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR ? year : null;
}

/** Why a given year is refused, naming the bounds. */
export const givenYearMessage = (text: string) =>
  `年度“${text}”不对：请填写 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间的四位年份，如 2025`;
