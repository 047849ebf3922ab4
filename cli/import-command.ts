import { readFile } from "node:fs/promises";
import { givenYearMessage, type ImportNote, type ImportOptions, importPublishedReport, parseGivenYear } from "@/lib/import";
import type { TReport } from "@/lib/report/report-schema";

export type ImportOutput = { stdout: (text: string) => void; stderr: (text: string) => void };

export const EXIT_OK = 0;
export const EXIT_UNREADABLE = 2;

const usage = `用法：npm run --silent import -- [--json] [--year 年度] 文件 ...
把已发布的政府信息公开工作年度报告（PDF、Word .docx、网页 .html、文本 .txt/.md）读成报告 JSON。
  一个文件：输出报告 JSON
  --json       输出 JSON 数组，每项 { "file", "report", "notes": [{ "kind", "cellIds", "message" }] }，顺序同参数
  --year 2024  文件的标题、开头、落款和文件名中都没有年度时，按此年度导入
退出码：0 全部读出；2 有文件无法读取（其余文件照常读取）`;

/**
 * The options both commands take: --json, and --year N (or --year=N) for files that print no
 * year. Anything else starting with “-” is unknown.
 */
export function parseFileOptions(args: readonly string[]): {
  files: string[];
  asJson: boolean;
  import: ImportOptions;
  problem: string | null;
} {
  const files: string[] = [];
  const options: ImportOptions = {};
  let asJson = false;
  let problem: string | null = null;
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at]!;
    if (arg === "--json") asJson = true;
    else if (arg === "--year" || arg.startsWith("--year=")) {
      const text = arg === "--year" ? (args[++at] ?? "") : arg.slice("--year=".length);
      const year = parseGivenYear(text);
      if (year === null) problem ??= givenYearMessage(text);
      else options.year = year;
    } else if (arg.startsWith("-")) problem ??= `不认识的选项“${arg}”`;
    else files.push(arg);
  }
  return { files, asJson, import: options, problem };
}

export type ImportedFile = { file: string; report: TReport; notes: ImportNote[] };
export type FileImport = ImportedFile | { file: string; problem: string };

/** Reads one published report file; the problem names why in Chinese when it cannot. */
export async function importFile(file: string, options: ImportOptions = {}): Promise<FileImport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个文件夹" : `无法读取（${code ?? String(error)}）`;
    return { file, problem: reason };
  }
  const outcome = await importPublishedReport(bytes, file, options);
  if (!outcome.ok) return { file, problem: outcome.message };
  return { file, report: outcome.report, notes: outcome.notes };
}

/** `import`: published files to report JSON. */
export async function runImport(args: readonly string[], output: ImportOutput): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    output.stdout(usage);
    return EXIT_OK;
  }
  const { files, asJson, import: options, problem } = parseFileOptions(args);
  if (problem || files.length === 0 || (files.length > 1 && !asJson)) {
    const reason = problem ?? (files.length === 0 ? "请指定要导入的文件" : "导入多个文件时请加 --json");
    output.stderr(`${reason}\n${usage}`);
    return EXIT_UNREADABLE;
  }
  let exitCode = EXIT_OK;
  const imported: ImportedFile[] = [];
  for (const file of files) {
    const result = await importFile(file, options);
    if ("problem" in result) {
      exitCode = EXIT_UNREADABLE;
      output.stderr(`${file}：${result.problem}`);
      continue;
    }
    imported.push(result);
  }
  if (asJson) output.stdout(JSON.stringify(imported, null, 2));
  else if (imported[0]) output.stdout(JSON.stringify(imported[0].report, null, 2));
  return exitCode;
}
