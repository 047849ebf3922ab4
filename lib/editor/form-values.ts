import type { TReport } from "@/lib/report/report-schema";
import { fieldText, parseFieldEntry } from "./field-entries";

type Info = TReport["info"];
type Narrative = TReport["narrative"];
type Fees = Narrative["other_matters"]["processingFees"];

/** The text forms as the inputs hold them: numbers as typed text, so “20x6” is kept while it is wrong. */
export type TReportTextFormValues = {
  info: Omit<Info, "year"> & { year: string };
  narrative: Omit<Narrative, "other_matters"> & {
    other_matters: Omit<Narrative["other_matters"], "processingFees"> & { processingFees: Record<keyof Fees, string> };
  };
};

const YEAR = "info.year";
const feePath = (key: keyof Fees) => `narrative.other_matters.processingFees.${key}`;
const feeKeys: readonly (keyof Fees)[] = ["noticesIssued", "noticedAmount", "collectedAmount"];

/** The form's values for a report; a field's refused text (kept in the browser) shows instead of its number. */
export function toFormValues(report: TReport, fieldRejections: Record<string, string> = {}): TReportTextFormValues {
  const { info, narrative } = report;
  const fees = narrative.other_matters.processingFees;
  return {
    info: { ...info, year: fieldRejections[YEAR] ?? fieldText(info.year) },
    narrative: {
      ...narrative,
      other_matters: {
        ...narrative.other_matters,
        processingFees: Object.fromEntries(
          feeKeys.map((key) => [key, fieldRejections[feePath(key)] ?? fieldText(fees[key])]),
        ) as Record<keyof Fees, string>,
      },
    },
  };
}

// NUL and unpaired surrogates can arrive with text pasted from a PDF; no one means them and the store cannot keep them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches NUL on purpose, to strip it from pasted text
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return value.replace(UNSTORABLE, "") as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
  }
  return value;
}

/**
 * What the forms hold, as report data: never fails. A numeric field whose text is not a
 * number is stored blank and its text returned in `rejections`, so everything else still saves.
 */
export function fromFormValues(values: TReportTextFormValues): {
  info: Info;
  narrative: Narrative;
  rejections: Record<string, string>;
} {
  const clean = cleanStrings(values);
  const rejections: Record<string, string> = {};
  const numberOf = (path: string, text: string | undefined): number | null => {
    const entry = parseFieldEntry(path, text ?? "");
    if (entry.ok) return entry.value;
    rejections[path] = text ?? "";
    return null;
  };
  const fees = clean.narrative.other_matters.processingFees;
  return {
    info: { ...clean.info, year: numberOf(YEAR, clean.info.year) },
    narrative: {
      ...clean.narrative,
      other_matters: {
        ...clean.narrative.other_matters,
        processingFees: Object.fromEntries(feeKeys.map((key) => [key, numberOf(feePath(key), fees[key])])) as Fees,
      },
    },
    rejections,
  };
}
