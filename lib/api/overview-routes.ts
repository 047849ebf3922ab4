import { z } from "zod";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from "@/lib/format";
import { MissingGlyphError } from "@/lib/render/pdf";
import { renderSummaryXlsx, type SummaryUnitLine } from "@/lib/render/xlsx/render-summary-xlsx";
import { windowsText, type ZipEntry, zipForWindows } from "@/lib/render/zip-archive";
import { ZText } from "@/lib/report/report-schema";
import { sumLedgers } from "@/lib/report/summary";
import { chosenUnits, filterOverview, type OverviewRow, overviewRows, summaryLedgers, yearDueNext } from "@/lib/store/overview";
import { isEditableStatus, reportStatuses, reportStatusLabels } from "@/lib/store/report-store";
import { RequestError } from "./api-response";
import { contentDisposition, renderDocumentAs } from "./export-routes";
import type { RequestContext } from "./request-context";
import { route, ZQueryFlag } from "./route";

const yearRange = `年度应在 ${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR} 之间`;

/** A year in a query string: four digits within the years reports are made for. */
const ZYear = ZText(20)
  .refine((text) => /^\s*\d+\s*$/.test(text), { message: "年度应为数字，如 2025", abort: true })
  .transform(Number)
  .refine((year) => year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR, { message: yearRange });

/**
 * For a page: the year asked for, or the year due next with a Chinese note saying why the one
 * asked for was not used (a page shows its default rather than an error).
 */
export function pageYear(raw: string | string[] | undefined): { year: number; notice: string | null } {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text === "") return { year: yearDueNext(), notice: null };
  const parsed = ZYear.safeParse(text);
  if (parsed.success) return { year: parsed.data, notice: null };
  const year = yearDueNext();
  const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return { year, notice: `网址中的年度“${shown}”不对（${parsed.error.issues[0]!.message}），已显示 ${year} 年度` };
}

/** `units=a,b`: the units chosen, by id; none: all. */
const ZUnitList = ZText(100_000).transform((text) => text.split(",").filter(Boolean));

const ZReviewerQuery = z.object({ year: ZYear.optional(), units: ZUnitList.optional() });
const queryLabels = {
  year: "年度",
  units: "单位（units）",
  status: "状态筛选",
  errors: "只看有错误的（errors）",
  q: "搜索",
  format: "格式",
  drafts: "含草稿（drafts）",
};

async function reviewerRows(context: RequestContext, year: number | undefined): Promise<{ rows: OverviewRow[]; year: number }> {
  const chosenYear = year ?? yearDueNext();
  return { rows: await overviewRows(context.store, context.scopes.review, chosenYear), year: chosenYear };
}

const ZStatusFilter = z.enum([...reportStatuses, "missing"], { message: "状态筛选不对" }).optional();

/** GET /api/overview?year=&status=&errors=1&q=: the units a reviewer oversees with their report's state. */
export const getOverview = route(
  {
    access: "reviewer",
    query: ZReviewerQuery.extend({ status: ZStatusFilter, errors: ZQueryFlag.optional(), q: ZText(200).optional() }),
    labels: queryLabels,
  },
  async ({ context, query }) => {
    const { rows, year } = await reviewerRows(context, query.year);
    const filtered = filterOverview(rows, { status: query.status, hasErrors: query.errors === "1", search: query.q });
    return Response.json({ year, rows: filtered, total: rows.length });
  },
);

/** How a unit stands in a 汇总: included as it is, or marked. */
export function summaryState(row: OverviewRow): string {
  if (!row.report) return "未建报告（不在汇总中）";
  if (row.report.underCorrection) return "已发布（更正中，按已发布的数字汇总）";
  const status = reportStatusLabels[row.report.status];
  if (row.report.errorCount > 0) return `${status}，有 ${row.report.errorCount} 个错误`;
  return isEditableStatus(row.report.status) ? `${status}（未提交）` : status;
}

/** GET /api/summary?year=&units=a,b[&format=xlsx]: 表二、表三、表四 summed over the chosen units. */
export const getSummary = route(
  {
    access: "reviewer",
    query: ZReviewerQuery.extend({ format: z.enum(["json", "xlsx"], { message: "格式应为 json 或 xlsx" }).optional() }),
    labels: queryLabels,
  },
  async ({ context, query }) => {
    const { rows, year } = await reviewerRows(context, query.year);
    const chosen = chosenUnits(rows, query.units ?? null);
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
    if (query.format === "xlsx") {
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
  },
);

/**
 * GET /api/batch-export?year=&units=[&drafts=1]: one ZIP of the chosen units' published PDFs,
 * a file per unit named by unit; with drafts=1 the unpublished ones too, made now and marked 草稿.
 */
export const batchExport = route(
  { access: "reviewer", query: ZReviewerQuery.extend({ drafts: ZQueryFlag.optional() }), labels: queryLabels },
  async ({ context, query }) => {
    const { rows, year } = await reviewerRows(context, query.year);
    const withDrafts = query.drafts === "1";
    const files: ZipEntry[] = [];
    const skipped: string[] = [];
    for (const row of chosenUnits(rows, query.units ?? null)) {
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
  },
);
