// Dates as registers hold them: typed by hand in several Chinese and numeric forms, or real dates
// from a spreadsheet cell. A date that does not exist is refused, never moved to a neighbouring day.
import { isCalendarDate } from "@/lib/report/calendar-date";

/** A day as YYYY-MM-DD (sorts and compares as text). */
export type Day = string;

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (value: number) => String(value).padStart(2, "0");

function dayOf(year: number, month: number, day: number): Day | null {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(text) ? text : null;
}

/**
 * Reads a register's date: 2025-03-05, 2025/3/5, 2025.3.5, 20250305, 2025年3月5日 (times after it
 * ignored), a spreadsheet's Date, or an Excel day number between 1990 and 2100.
 * Returns null for an empty cell and "invalid" for anything else.
 */
export function readRegisterDate(value: unknown): Day | null | "invalid" {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "invalid";
    return dayOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) ?? "invalid";
  }
  if (typeof value === "number") return fromExcelNumber(value);
  const text = String(value).normalize("NFKC").trim();
  if (text === "") return null;
  const numeric = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (numeric) return dayOf(Number(numeric[1]), Number(numeric[2]), Number(numeric[3])) ?? "invalid";
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return dayOf(Number(compact[1]), Number(compact[2]), Number(compact[3])) ?? "invalid";
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromExcelNumber(Number(text));
  return "invalid";
}

function fromExcelNumber(serial: number): Day | "invalid" {
  // 32874 = 1990-01-01, 73051 = 2100-01-01: outside that a number is no date a register holds.
  if (!Number.isFinite(serial) || serial < 32874 || serial >= 73051) return "invalid";
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? "invalid";
}
