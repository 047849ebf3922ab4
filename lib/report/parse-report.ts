import type { z } from "zod";
import { findCell } from "@/lib/format";
import { findReportFieldLabel } from "./report-fields";
import { type TReport, ZReport } from "./report-schema";

export type ParsedReport = { ok: true; report: TReport } | { ok: false; message: string };

/** Where a schema problem sits, named as staff would: a cell by its table name, else the JSON path. */
function describePath(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (first === "ledger" && typeof second === "string") {
    const cell = findCell(second);
    return cell ? `${cell.name}（${second}）` : `ledger.${second}`;
  }
  if (path.length === 0) return "（整个文件）";
  const dotted = path.map(String).join(".");
  const label = findReportFieldLabel(dotted);
  return label ? `${label}（${dotted}）` : dotted;
}

export function describeSchemaIssue(issue: z.core.$ZodIssue): string {
  return `${describePath(issue.path)}：${issue.message}`;
}

/** Reads a report from parsed JSON; the message names the first problem in Chinese. */
export function parseReport(data: unknown): ParsedReport {
  const parsed = ZReport.safeParse(data);
  if (parsed.success) return { ok: true, report: parsed.data };
  const first = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  return {
    ok: false,
    message: `不符合报告格式：${first ? describeSchemaIssue(first) : "未知问题"}${more > 0 ? `（另有 ${more} 处问题）` : ""}`,
  };
}

/** Reads a report from JSON text. */
export function parseReportJson(text: string): ParsedReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `不是有效的 JSON：${error instanceof Error ? error.message : String(error)}` };
  }
  return parseReport(data);
}
