// A register as a grid of cells: from an Excel workbook, a CSV file (UTF-8 or GBK, as Excel saves
// it), or a block pasted from a spreadsheet. The header row is found by its names, not assumed first.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { RegisterRow } from "./register-cases";
import { headerScore, type RegisterFieldDefinition } from "./register-columns";

export type RegisterGrid = {
  headers: string[];
  /** The rows under the header row; `rowNumber` as the spreadsheet numbers it (1 = first line). */
  rows: { rowNumber: number; values: unknown[] }[];
  headerRowNumber: number;
};

/** The 20 first rows are searched for the header row (titles and notes often come above it). */
const HEADER_SEARCH_ROWS = 20;

export class RegisterReadError extends Error {}

export async function readRegisterFile(
  bytes: Uint8Array,
  fileName: string,
  fields: readonly RegisterFieldDefinition<string>[],
): Promise<RegisterGrid> {
  const name = fileName.toLowerCase();
  if (name.endsWith(".xlsx")) return gridOf(await readWorkbook(bytes, fields), fields);
  if (name.endsWith(".csv") || name.endsWith(".txt")) return gridOf(parseDelimited(decodeText(bytes)), fields);
  throw new RegisterReadError(`“${fileName}”不是 Excel（.xlsx）或 CSV 文件；WPS 或 Excel 中“另存为”其中一种后再导入`);
}

/** A block copied from Excel or WPS: tab-separated lines (a cell's own line breaks come quoted). */
export function readPastedRegister(text: string, fields: readonly RegisterFieldDefinition<string>[]): RegisterGrid {
  return gridOf(parseDelimited(text, "\t"), fields);
}

/** UTF-8 when the bytes are UTF-8 (with or without its mark); otherwise GBK, as Excel in China saves CSV. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), "gbk");
  }
}

function parseDelimited(text: string, delimiter?: string): unknown[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter: delimiter ?? "", skipEmptyLines: false });
  return parsed.data;
}

async function readWorkbook(bytes: Uint8Array, fields: readonly RegisterFieldDefinition<string>[]): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new RegisterReadError("这个 Excel 文件打不开（可能已损坏或加了密码）；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入");
  }
  // The sheet that looks most like a register: the best header row among its first rows.
  let best: { grid: unknown[][]; score: number } | null = null;
  for (const sheet of workbook.worksheets) {
    const grid: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      // exceljs leaves holes for empty cells; Array.from fills them.
      const values = Array.from((row.values as unknown[]).slice(1), cellValue);
      grid[rowNumber - 1] = values;
    });
    for (let index = 0; index < grid.length; index += 1) grid[index] ??= [];
    const score = Math.max(0, ...grid.slice(0, HEADER_SEARCH_ROWS).map((cells) => headerScore(cells, fields)));
    if (!best || score > best.score) best = { grid, score };
  }
  return best?.grid ?? [];
}

/** A cell's value as the register means it: dates as dates, formulas by their result, rich text as text. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== "object") return value;
  const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; hyperlink?: unknown };
  if ("result" in object) return cellValue(object.result);
  if (object.richText) return object.richText.map((run) => run.text).join("");
  if (typeof object.text === "string") return object.text;
  return null;
}

function gridOf(grid: unknown[][], fields: readonly RegisterFieldDefinition<string>[]): RegisterGrid {
  let headerIndex = -1;
  for (let index = 0; index < Math.min(grid.length, HEADER_SEARCH_ROWS); index += 1) {
    if (headerScore(grid[index] ?? [], fields) >= 2) {
      headerIndex = index;
      break;
    }
  }
  if (headerIndex < 0) {
    const names = fields.filter((field) => field.required).map((field) => field.headers[0]);
    throw new RegisterReadError(`没有找到表头行：前 ${HEADER_SEARCH_ROWS} 行中没有一行写着“${names.join("”“")}”等列名中的两个`);
  }
  const headers = Array.from(grid[headerIndex] ?? [], (cell) => (cell === null || cell === undefined ? "" : String(cell).trim()));
  const rows = grid
    .slice(headerIndex + 1)
    .map((values, offset) => ({ rowNumber: headerIndex + 2 + offset, values: values ?? [] }))
    .filter(({ values }) => values.some((value) => value !== null && value !== undefined && String(value).trim() !== ""));
  return { headers, rows, headerRowNumber: headerIndex + 1 };
}

/**
 * The register's rows as the counts read them: each mapped field's cell; a field mapped to no column
 * is left out (so an optional 结案日期 the register does not keep is told from an empty one).
 */
export function registerRows(grid: RegisterGrid, mapping: Readonly<Record<string, number | null>>): RegisterRow[] {
  return grid.rows.map(({ rowNumber, values }) => {
    const cells: Record<string, unknown> = {};
    for (const [field, index] of Object.entries(mapping)) {
      if (field === "number" || index === null) continue;
      cells[field] = values[index] ?? null;
    }
    const numberIndex = mapping.number ?? null;
    const number = numberIndex === null ? "" : String(values[numberIndex] ?? "").trim();
    return { rowNumber, number, cells };
  });
}
