import { z } from "zod";
import { buildReportDocument } from "@/lib/document/build-report-document";
import type { ReportDocument } from "@/lib/document/report-document";
import { renderReportHtml, renderReportHtmlPage } from "@/lib/render/html/render-report-html";
import { type RenderedFormat, renderFiles } from "@/lib/render/render-job";
import { WorkerJobStoppedError, WorkerPoolBusyError } from "@/lib/worker-pool/worker-pool";
import { notFound, RequestError } from "./api-response";
import { loadReportWithPreviousYear } from "./report-routes";
import { route, ZQueryFlag } from "./route";

export const exportFormats = {
  docx: { extension: "docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  pdf: { extension: "pdf", contentType: "application/pdf" },
  html: { extension: "html", contentType: "text/html; charset=utf-8" },
} as const;
export type ExportFormat = keyof typeof exportFormats;

const ZExportQuery = z.object({
  format: z.enum(["docx", "pdf", "html"], { message: "导出格式应为 docx、pdf 或 html" }),
  draft: ZQueryFlag.default("0"),
  inline: ZQueryFlag.default("0"),
  /** HTML only: the fragment a CMS paste takes, rather than the page file. */
  fragment: ZQueryFlag.default("0"),
});

const exportLabels = { format: "导出格式", draft: "草稿（draft）", inline: "预览（inline）", fragment: "片段（fragment）" };

/** RFC 5987 attr-char is ALPHA / DIGIT / "!#$&+-.^_`|~": everything else is percent-encoded. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so Chinese file names survive every browser. */
export function contentDisposition(fileName: string, isInline: boolean): string {
  const extension = fileName.slice(fileName.lastIndexOf("."));
  return `${isInline ? "inline" : "attachment"}; filename="report${extension}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** A draft never shares the official file's name: “…年度报告（草稿）.pdf”. */
export const DRAFT_FILE_SUFFIX = "（草稿）";

/**
 * The document as PDF and/or Word, set off the request thread (lib/render/render-job.ts); too many
 * files waiting, or one passing the time or memory limit, is a 503 in Chinese to retry shortly.
 */
export async function renderDocumentFiles<Format extends RenderedFormat>(
  doc: ReportDocument,
  formats: readonly Format[],
): Promise<Record<Format, Uint8Array>> {
  try {
    return await renderFiles(doc, formats);
  } catch (error) {
    if (error instanceof WorkerPoolBusyError) throw new RequestError(error.message, 503, { reason: "busy" });
    if (error instanceof WorkerJobStoppedError) {
      const limit =
        error.reason === "too_slow"
          ? `超过 ${error.limits.timeoutMs / 1000} 秒仍未完成`
          : error.reason === "too_much_memory"
            ? `所需内存超过 ${error.limits.maxHeapMb} MB 的上限`
            : "时出错";
      console.error(error);
      throw new RequestError(`生成报告文件${limit}，已停止；请稍后重试`, 503, { reason: error.reason });
    }
    throw error;
  }
}

/** One document in one format, as bytes. */
export async function renderDocumentAs(
  doc: ReportDocument,
  format: ExportFormat,
  options: { fragment?: boolean } = {},
): Promise<Uint8Array> {
  if (format === "html") return new TextEncoder().encode(options.fragment ? renderReportHtml(doc) : renderReportHtmlPage(doc));
  return (await renderDocumentFiles(doc, [format]))[format];
}

export function fileResponse(
  bytes: Uint8Array,
  fileName: string,
  format: ExportFormat,
  options: { isInline?: boolean; headers?: Record<string, string> } = {},
): Response {
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      "content-type": exportFormats[format].contentType,
      "content-disposition": contentDisposition(fileName, options.isInline ?? false),
      "cache-control": "no-store",
      ...options.headers,
    },
  });
}

/**
 * GET /api/reports/[id]/export?format=docx|pdf|html[&draft=1][&inline=1][&fragment=1]. While any rule
 * reports an error the official export is refused with the list; a draft is still made,
 * marked 草稿 — 未通过校验 on every page. Reading never changes the stored report.
 */
export const exportReport = route(
  { access: "signed-in", params: { id: "report" }, query: ZExportQuery, labels: exportLabels },
  async ({ context: { store }, params: { id }, query }) => {
    const loaded = await loadReportWithPreviousYear(store, id);
    if (!loaded) throw notFound();
    const { stored, previousYear } = loaded;
    // The same gate as submitting and publishing (rule errors and characters no PDF face has).
    const { officialBlockers, ruleErrors } = await import("@/lib/render/official-gate");
    const wantsDraft = query.draft === "1";
    // Characters no PDF face has stop the PDF only: Word and browsers set them with the reader's fonts.
    const errors =
      wantsDraft || query.format !== "pdf"
        ? ruleErrors(stored.report, previousYear)
        : await officialBlockers(stored.report, previousYear);
    if (errors.length > 0 && !wantsDraft) {
      return Response.json(
        {
          message:
            `报告还有 ${errors.length} 个错误，不能导出正式版本。请先改正，或导出草稿（每页标注“草稿 — 未通过校验”）。` +
            errors
              .filter((error) => error.ruleId === "export.missing_glyph")
              .map((error) => error.message)
              .join(""),
          errors,
        },
        { status: 422 },
      );
    }
    const doc = buildReportDocument(stored.report, { isDraft: errors.length > 0 });
    const { format } = query;
    const fileName = `${doc.fileBaseName}${doc.isDraft ? DRAFT_FILE_SUFFIX : ""}.${exportFormats[format].extension}`;
    return fileResponse(await renderDocumentAs(doc, format, { fragment: query.fragment === "1" }), fileName, format, {
      isInline: query.inline === "1",
      headers: { "x-report-draft": doc.isDraft ? "1" : "0" },
    });
  },
);
