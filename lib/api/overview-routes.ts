import { z } from "zod";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from "@/lib/format";
import { MissingGlyphError } from "@/lib/render/pdf";
import { renderSummaryXlsx, type SummaryUnitLine } from "@/lib/render/xlsx/render-summary-xlsx";
import { windowsText, type ZipEntry, zipForWindows } from "@/lib/render/zip-archive";
import { sumLedgers } from "@/lib/report/summary";
import { chosenUnits, filterOverview, type OverviewRow, overviewRows, summaryLedgers, yearDueNext } from "@/lib/store/overview";
import { isEditableStatus, reportStatuses, reportStatusLabels } from "@/lib/store/report-store";
import { errorResponse, RequestError } from "./api-response";
import { contentDisposition, renderDocumentAs } from "./export-routes";
import { type RequestContext, requireContext, requireReviewer } from "./request-context";

const ZYear = z.coerce
  .number({ message: "年度应为数字" })
  .int("年度应为整数")
  .min(FIRST_REPORT_YEAR, `年度应在 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间`)
  .max(LAST_REPORT_YEAR, `年度应在 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间`);

/** The year asked for, else the year whose reports are due next. */
export function requestedYear(url: URL): number {
  const raw = url.searchParams.get("year");
  if (raw === null || raw === "") return yearDueNext();
  const parsed = ZYear.safeParse(raw);
  if (!parsed.success) throw new RequestError(parsed.error.issues[0]!.message, 400);
  return parsed.data;
}

const unitIdsOf = (url: URL): string[] | null => {
  const raw = url.searchParams.get("units");
  return raw ? raw.split(",").filter(Boolean) : null;
};

async function reviewerRows(request: Request): Promise<{ context: RequestContext; rows: OverviewRow[]; year: number; url: URL }> {
  const context = await requireContext(request);
  requireReviewer(context);
  const url = new URL(request.url);
  const year = requestedYear(url);
  return { context, rows: await overviewRows(context.store, context.scopes.review, year), year, url };
}

const ZStatusFilter = z.enum([...reportStatuses, "missing"]).optional();

/** GET /api/overview?year=&status=&errors=1&q=: the units a reviewer oversees with their report's state. */
export async function getOverview(request: Request): Promise<Response> {
  try {
    const { rows, year, url } = await reviewerRows(request);
    const status = ZStatusFilter.safeParse(url.searchParams.get("status") || undefined);
    if (!status.success) throw new RequestError("状态筛选不对", 400);
    const filtered = filterOverview(rows, {
      status: status.data,
      hasErrors: url.searchParams.get("errors") === "1",
      search: url.searchParams.get("q") ?? undefined,
    });
    return Response.json({ year, rows: filtered, total: rows.length });
  } catch (error) {
    return errorResponse(error);
  }
}

/** How a unit stands in a 汇总: included as it is, or marked. */
export function summaryState(row: OverviewRow): string {
  if (!row.report) return "未建报告（不在汇总中）";
  if (row.report.underCorrection) return "已发布（更正中，按已发布的数字汇总）";
  const status = reportStatusLabels[row.report.status];
  if (row.report.errorCount > 0) return `${status}，有 ${row.report.errorCount} 个错误`;
  return isEditableStatus(row.report.status) ? `${status}（未提交）` : status;
}

/** GET /api/summary?year=&units=a,b[&format=xlsx]: 表二、表三、表四 summed over the chosen units. */
export async function getSummary(request: Request): Promise<Response> {
  try {
    const { context, rows, year, url } = await reviewerRows(request);
    const chosen = chosenUnits(rows, unitIdsOf(url));
    const { sums, count } = sumLedgers(await summaryLedgers(context.store, chosen));
    const units: (SummaryUnitLine & { unitId: string; reportId: string | null; included: boolean })[] = chosen.map((row) => ({
      unitId: row.unit.id,
      name: row.unit.name,
      reportId: row.report?.id ?? null,
      agencyName: row.report?.agencyName ?? null,
      included: row.report !== null,
      state: summaryState(row),
      errorCount: row.report?.errorCount ?? null,
    }));
    if (url.searchParams.get("format") === "xlsx") {
      const bytes = await renderSummaryXlsx({ title: `${year}年度汇总（${count} 个单位）`, sums, units });
      return new Response(new Blob([new Uint8Array(bytes)]), {
        headers: {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "content-disposition": contentDisposition(`${year}年度政府信息公开工作年度报告汇总.xlsx`, false),
          "cache-control": "no-store",
        },
      });
    }
    return Response.json({ year, count, sums, units });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET /api/batch-export?year=&units=[&drafts=1]: one ZIP of the chosen units' published PDFs,
 * a file per unit named by unit; with drafts=1 the unpublished ones too, made now and marked 草稿.
 */
export async function batchExport(request: Request): Promise<Response> {
  try {
    const { context, rows, year, url } = await reviewerRows(request);
    const withDrafts = url.searchParams.get("drafts") === "1";
    const files: ZipEntry[] = [];
    const skipped: string[] = [];
    for (const row of chosenUnits(rows, unitIdsOf(url))) {
      const name = row.unit.name.replace(/[\\/:*?"<>|]/g, "");
      if (!row.report) {
        skipped.push(`${row.unit.name}：未建报告`);
        continue;
      }
      const published = await context.store.listPublished(row.report.id);
      const latest = published.at(-1);
      // Under 更正, the published file stands until the correction is published.
      if (latest && (row.report.status === "published" || row.report.underCorrection)) {
        const file = await context.store.getPublishedFile(row.report.id, latest.sequence, "pdf");
        if (file) files.push({ name: `${name}.pdf`, content: file.bytes });
        continue;
      }
      if (!withDrafts) {
        skipped.push(`${row.unit.name}：${reportStatusLabels[row.report.status]}，尚未发布`);
        continue;
      }
      const [stored] = await context.store.getReports([row.report.id]);
      if (!stored) continue;
      // Not published: marked 草稿 on every page, whatever its checks say.
      try {
        const doc = buildReportDocument(stored.report, { isDraft: true });
        files.push({ name: `${name}（草稿）.pdf`, content: await renderDocumentAs(doc, "pdf") });
      } catch (error) {
        // The server too busy to set it: the whole ZIP is refused (503), to ask again shortly.
        if (error instanceof RequestError) throw error;
        // One draft that cannot be set (a character no PDF face has …) is listed, not a failed ZIP.
        if (!(error instanceof MissingGlyphError)) console.error(error);
        const reason = error instanceof MissingGlyphError ? error.message : "生成 PDF 时出错";
        skipped.push(`${row.unit.name}：草稿未能生成 PDF（${reason}）`);
      }
    }
    if (skipped.length > 0) files.push({ name: "未包含的单位.txt", content: windowsText(skipped) });
    const bytes = await zipForWindows(files);
    return new Response(new Blob([new Uint8Array(bytes)]), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": contentDisposition(
          `${year}年度政府信息公开工作年度报告${withDrafts ? "（含草稿）" : ""}.zip`,
          false,
        ),
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
