import { COUNT_UNIT } from "@/lib/format";
import { normaliseEntry } from "@/lib/ledger/normalise-entry";
import { reportFieldLabel } from "@/lib/report/report-fields";

/** What a numeric form field holds after typing: a number, blank, or a text kept and refused with a reason. */
export type FieldEntry = { ok: true; value: number | null } | { ok: false; message: string };

/** 信息处理费 is in 元, unlike the 万元 of 表二. */
const YUAN = "元";

const quote = (text: string) => `“${text.trim()}”`;

function parseYear(text: string): FieldEntry {
  const folded = text
    .normalize("NFKC")
    .replace(/\s+/gu, "")
    .replace(/年(度)?$/u, "");
  if (folded === "") return { ok: true, value: null };
  if (!/^\d{1,4}$/.test(folded)) return { ok: false, message: `${quote(text)}不是年份：请填写四位数字，如 2025` };
  return { ok: true, value: Number(folded) };
}

/** Counts and 元 amounts reuse the cells' normaliser (full-width digits, separators, units), minus “/”. */
function parseFigure(text: string, kind: "count" | "yuan"): FieldEntry {
  let folded = text.normalize("NFKC").trim();
  if (kind === "yuan" && folded.endsWith(YUAN) && !folded.endsWith(`万${YUAN}`)) folded = folded.slice(0, -YUAN.length);
  const entry = normaliseEntry(folded, kind === "count" ? "count" : "amount");
  if (!entry.ok) return { ok: false, message: entry.message.replace(quote(folded), quote(text)) };
  if (typeof entry.value === "number" || entry.value === null) return { ok: true, value: entry.value };
  return {
    ok: false,
    message: `${quote(text)}：此处请填写${kind === "count" ? `件数（${COUNT_UNIT}）` : `金额（${YUAN}）`}，没有的填 0 或留空`,
  };
}

const parsers: Record<string, (text: string) => FieldEntry> = {
  "info.year": parseYear,
  "narrative.other_matters.processingFees.noticesIssued": (text) => parseFigure(text, "count"),
  "narrative.other_matters.processingFees.noticedAmount": (text) => parseFigure(text, "yuan"),
  "narrative.other_matters.processingFees.collectedAmount": (text) => parseFigure(text, "yuan"),
};

export const isNumericField = (path: string): boolean => path in parsers;

/** Parses what was typed into a numeric field; the message names the field. */
export function parseFieldEntry(path: string, text: string): FieldEntry {
  const parser = parsers[path];
  if (!parser) throw new Error(`not a numeric field: ${path}`);
  const entry = parser(text);
  return entry.ok ? entry : { ok: false, message: `${reportFieldLabel(path)}：${entry.message}` };
}

/** How a stored number is shown in its field. */
export const fieldText = (value: number | null): string => (value === null ? "" : String(value));
