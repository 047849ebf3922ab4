import { readFile } from "node:fs/promises";
import { checkReport, countBySeverity } from "@/lib/checks/check-report";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import type { ImportNote, ImportOptions } from "@/lib/import";
import { parseReportJson } from "@/lib/report/parse-report";
import type { TReport } from "@/lib/report/report-schema";
import { importFile, parseFileOptions } from "./import-command";

export type CheckOutput = { stdout: (text: string) => void; stderr: (text: string) => void };

export const EXIT_OK = 0;
export const EXIT_RULE_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

const usage = `用法：npm run --silent check -- [--json] [--year 年度] 文件 ...
逐个检查报告的表格勾稽关系和填报规范；同一机关相邻两年的报告一起检查时，另核对跨年度衔接。
文件可以是报告 JSON，也可以是已发布的报告（PDF、Word .docx、网页 .html、文本 .txt/.md）：先导入，再检查。
导入时未能确认的数字列为错误 import.unconfirmed；依赖这些数字的勾稽和文字检查暂不下结论，列为警告 import.pending。
  --json       以 JSON 数组输出全部检查结果（每项带 file 字段）；导入的说明为 { "file", "note": { "kind", "cellIds", "message" } }
  --year 2024  已发布的文件中找不到年度时，按此年度导入
退出码：0 无错误；1 有文件存在错误；2 有文件无法读取或不符合报告格式`;

const severityName = { error: "错误", warning: "警告" } as const;

type FileOutcome = { file: string; results: RuleResult[]; notes: ImportNote[] } | { file: string; problem: string };
type ReadOutcome = { file: string; report: TReport; notes: ImportNote[] } | { file: string; problem: string };

/** A report JSON file is read as such; anything else is a published report to import first. */
const isReportJson = (file: string, head: string) => /\.json$/i.test(file) || /^\s*[{[]/.test(head);

async function readReportFile(file: string, options: ImportOptions): Promise<ReadOutcome> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个文件夹" : `无法读取（${code ?? String(error)}）`;
    return { file, problem: reason };
  }
  if (!isReportJson(file, text.slice(0, 200).replace(/^\uFEFF/, ""))) return importFile(file, options);
  const parsed = parseReportJson(text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) return { file, problem: parsed.message };
  return { file, report: parsed.report, notes: [] };
}

/** Reports of one agency for consecutive years, checked together, also get the cross-year rules. */
function checkAll(read: readonly ReadOutcome[]): FileOutcome[] {
  const byAgencyYear = new Map<string, TReport>();
  const key = (agencyName: string, year: number) => `${agencyName}\u0000${year}`;
  for (const outcome of read) {
    if ("report" in outcome && outcome.report.info.year !== null)
      byAgencyYear.set(key(outcome.report.info.agencyName, outcome.report.info.year), outcome.report);
  }
  return read.map((outcome) => {
    if (!("report" in outcome)) return outcome;
    const { info } = outcome.report;
    const previousYear = info.year === null ? null : (byAgencyYear.get(key(info.agencyName, info.year - 1)) ?? null);
    try {
      return { file: outcome.file, results: checkReport(outcome.report, { previousYear }), notes: outcome.notes };
    } catch (error) {
      // A report the rules trip on is named; the other files are still checked.
      return { file: outcome.file, problem: `检查时出错（${error instanceof Error ? error.message : String(error)}）` };
    }
  });
}

/** `check`: runs every rule over each report file, as a supervising office would. */
export async function runCheck(args: readonly string[], output: CheckOutput): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    output.stdout(usage);
    return EXIT_OK;
  }
  const { files, asJson, import: options, problem } = parseFileOptions(args);
  if (problem || files.length === 0) {
    output.stderr(`${problem ?? "请指定要检查的报告文件"}\n${usage}`);
    return EXIT_UNREADABLE;
  }

  const read: ReadOutcome[] = [];
  for (const file of files) read.push(await readReportFile(file, options));
  const outcomes = checkAll(read);

  let exitCode = EXIT_OK;
  const jsonResults: ((RuleResult & { file: string }) | { file: string; note: ImportNote })[] = [];
  let passed = 0;
  let failed = 0;
  let unreadable = 0;
  for (const outcome of outcomes) {
    if ("problem" in outcome) {
      unreadable += 1;
      exitCode = EXIT_UNREADABLE;
      output.stderr(`${outcome.file}：${outcome.problem}`);
      continue;
    }
    const { errors, warnings } = countBySeverity(outcome.results);
    if (errors > 0) {
      failed += 1;
      if (exitCode === EXIT_OK) exitCode = EXIT_RULE_ERRORS;
    } else {
      passed += 1;
    }
    if (asJson) {
      jsonResults.push(...outcome.results.map((item) => ({ file: outcome.file, ...item })));
      jsonResults.push(...outcome.notes.map((note) => ({ file: outcome.file, note })));
      continue;
    }
    output.stdout(`${outcome.file}：${errors} 个错误，${warnings} 个警告${errors === 0 ? "，通过" : ""}`);
    for (const item of outcome.results) {
      output.stdout(`  ${severityName[item.severity]} [${item.ruleId}] ${item.message}`);
    }
    for (const note of outcome.notes) output.stdout(`  导入说明 [${note.kind}] ${note.message}`);
  }
  if (asJson) {
    output.stdout(JSON.stringify(jsonResults, null, 2));
  } else if (files.length > 1) {
    output.stdout(`共 ${files.length} 个文件：${passed} 个通过，${failed} 个有错误，${unreadable} 个无法检查`);
  }
  return exitCode;
}
