import {
  AMOUNT_UNIT,
  type CellKind,
  COUNT_UNIT,
  MAX_AMOUNT_DECIMALS,
  MAX_FIGURE,
  NOT_APPLICABLE,
  type TCellValue,
} from "@/lib/format";

export type NormalisedEntry = { ok: true; value: TCellValue } | { ok: false; message: string };

/** Dashes and slashes that offices type or paste for 不适用 (after NFKC folding), and the word itself. */
const NOT_APPLICABLE_FORMS = new Set(["/", "-", "—", "–", "―", "——", "--", "−", "不适用"]);

const quote = (raw: string) => `“${raw}”`;

/**
 * Turns what staff typed or pasted into a cell value. Full-width digits and
 * punctuation from Chinese input methods, thousands separators, spaces and a
 * trailing unit are accepted; anything that is not clearly a figure is refused
 * with a message quoting the input, never coerced.
 */
export function normaliseEntry(raw: string, kind: CellKind): NormalisedEntry {
  const shown = raw.trim();
  // NFKC folds full-width digits, ，．／－ and the ideographic space to ASCII.
  let text = raw.normalize("NFKC").trim();
  if (text === "") return { ok: true, value: null };
  if (NOT_APPLICABLE_FORMS.has(text.replace(/\s+/gu, ""))) return { ok: true, value: NOT_APPLICABLE };

  const unit = kind === "count" ? COUNT_UNIT : AMOUNT_UNIT;
  if (text.endsWith(unit)) text = text.slice(0, -unit.length).trimEnd();
  // A space may group thousands (1 234), as some spreadsheets print; any other space splits two numbers.
  if (/\s/u.test(text)) {
    if (!/^-?\d{1,3}(\s\d{3})+(\.\d+)?$/u.test(text)) {
      return { ok: false, message: `${quote(shown)}中间有空格，看起来不是一个数字，请核对` };
    }
    text = text.replace(/\s/gu, "");
  }

  if (text.includes(",")) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
      return { ok: false, message: `${quote(shown)}的千分位逗号位置不对，请填写如 1,234 或 1234` };
    }
    text = text.replace(/,/g, "");
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) {
    const hint = kind === "count" ? "请填写件数（阿拉伯数字）" : `请填写金额（单位：${AMOUNT_UNIT}）`;
    return { ok: false, message: `${quote(shown)}不是有效的数字：${hint}，不适用填“/”，没有的填 0` };
  }
  const [, sign, , fraction = ""] = match;
  const value = Number(text);
  if (sign === "-" && value !== 0) {
    return { ok: false, message: `${quote(shown)}是负数：${kind === "count" ? "件数" : "金额"}不能小于 0` };
  }
  if (value > MAX_FIGURE) {
    return {
      ok: false,
      message: `${quote(shown)}过大：${kind === "count" ? "件数" : "金额"}不超过 ${formatFigure(MAX_FIGURE)}，请核对`,
    };
  }
  if (kind === "count" && /[1-9]/.test(fraction)) {
    return { ok: false, message: `${quote(shown)}带有小数：件数须为整数` };
  }
  if (kind === "amount" && fraction.replace(/0+$/, "").length > MAX_AMOUNT_DECIMALS) {
    return {
      ok: false,
      message: `${quote(shown)}的小数超过 ${MAX_AMOUNT_DECIMALS} 位：金额以${AMOUNT_UNIT}计，最多保留 ${MAX_AMOUNT_DECIMALS} 位小数`,
    };
  }
  return { ok: true, value: Math.abs(value) };
}

/** Made once: toLocaleString with options builds a number format on every call (7 ms of each export's 400 cells). */
const FIGURE_FORMAT = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: MAX_AMOUNT_DECIMALS });

/** A figure in plain digits, never in exponent form (1e+21) however large, to the 分 at most. */
export function formatFigure(value: number): string {
  // Whole numbers print the same either way, and the rule checks format thousands of them a save.
  if (Number.isSafeInteger(value)) return String(value);
  return FIGURE_FORMAT.format(value);
}

/** How a cell value is shown in a table: 0 as 0, 不适用 as “/”, blank as empty. */
export function formatCellValue(value: TCellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value === NOT_APPLICABLE) return NOT_APPLICABLE;
  return formatFigure(value);
}
