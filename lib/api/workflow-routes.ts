import { z } from "zod";
import { scopeIncludes } from "@/lib/auth/access";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { findCell, reportSections, type SectionId } from "@/lib/format";
import { MissingGlyphError } from "@/lib/render/pdf";
import { type PublishedFormat, reportStatusLabels } from "@/lib/store/report-store";
import { errorResponse, notFound, parsePositiveInteger, RequestError, readJsonBody } from "./api-response";
import { exportFormats, fileResponse, renderDocumentAs, renderDocumentFiles } from "./export-routes";
import { loadReportWithPreviousYear } from "./report-routes";
import { type RequestContext, requireContext } from "./request-context";

type IdParams = { params: Promise<{ id: string }> };

const MAX_COMMENT = 2_000;
const sectionIds = reportSections.map((section) => section.id) as [SectionId, ...SectionId[]];

const ZComment = z.string().max(MAX_COMMENT, `意见不能超过 ${MAX_COMMENT} 个字`).default("");

const ZReturnRequest = z.object({
  comment: ZComment,
  comments: z
    .array(
      z
        .object({
          cellId: z
            .string()
            .refine((id) => findCell(id) !== undefined, { message: "不是统计表中的单元格" })
            .nullish(),
          sectionId: z.enum(sectionIds, { message: "不是报告的六个部分之一" }).nullish(),
          body: z.string().trim().min(1, "意见不能为空").max(MAX_COMMENT, `意见不能超过 ${MAX_COMMENT} 个字`),
        })
        .refine((item) => Boolean(item.cellId) !== Boolean(item.sectionId), { message: "每条意见附在一个单元格或一个部分上" }),
    )
    .max(200)
    .default([]),
});

/** A report outside the person's units is not found, before anything about the request is judged. */
async function requireVisible(store: RequestContext["store"], params: IdParams["params"]): Promise<string> {
  const { id } = await params;
  if (!(await store.getReport(id))) throw notFound();
  return id;
}

async function bodyOf<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(request, 200_000));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RequestError(issue ? `${issue.path.join(".") || "请求"}：${issue.message}` : "请求格式不对", 400);
  }
  return parsed.data;
}

const ZOptionalComment = z.object({ comment: ZComment }).strict();
const ZCorrection = z.object({ reason: z.string().trim().min(1, "请写明更正的原因").max(MAX_COMMENT) }).strict();

/** POST /api/reports/[id]/submit: 编辑中/退回修改 → 已提交, with no error left. */
export async function submitReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const id = await requireVisible(store, params);
    const { comment } = await bodyOf(request, ZOptionalComment);
    return Response.json({ stored: await store.submitReport(id, comment) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/reports/[id]/withdraw: 已提交 → 编辑中 (撤回), by the report's own unit before it is reviewed. */
export async function withdrawReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const id = await requireVisible(store, params);
    const { comment } = await bodyOf(request, ZOptionalComment);
    return Response.json({ stored: await store.withdrawReport(id, comment) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/reports/[id]/return: 已提交 or 审核通过 → 退回修改, with comments at cells or sections. */
export async function returnReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const id = await requireVisible(store, params);
    const body = await bodyOf(request, ZReturnRequest);
    return Response.json({ stored: await store.returnReport(id, body.comment, body.comments) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/reports/[id]/approve: 已提交 → 审核通过. */
export async function approveReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const id = await requireVisible(store, params);
    const { comment } = await bodyOf(request, ZOptionalComment);
    return Response.json({ stored: await store.approveReport(id, comment) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/reports/[id]/publish: 审核通过 → 已发布. The official PDF, DOCX and HTML are made
 * once, here, and kept; what is downloaded from then on is those bytes.
 */
export async function publishReport(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store, scopes } = await requireContext(request);
    await bodyOf(request, z.object({}).strict());
    const { id } = await params;
    const loaded = await loadReportWithPreviousYear(store, id);
    if (!loaded) throw notFound();
    // Refused before anything is rendered: making the files is the expensive part.
    if (!scopeIncludes(scopes.review, loaded.stored.unitId)) throw new RequestError("您没有权限发布这份报告", 403);
    if (loaded.stored.status !== "approved") {
      throw new RequestError(`这份报告现在是“${reportStatusLabels[loaded.stored.status]}”，审核通过后才能发布`, 409);
    }
    const { officialBlockers, blockersMessage } = await import("@/lib/render/official-gate");
    const blockers = await officialBlockers(loaded.stored.report, loaded.previousYear);
    if (blockers.length > 0) throw new RequestError(blockersMessage(blockers, "不能发布"), 422, { errors: blockers });
    const doc = buildReportDocument(loaded.stored.report, { isDraft: false });
    // One job for both files: a publish waits its turn once.
    const { pdf, docx } = await renderDocumentFiles(doc, ["pdf", "docx"]);
    const html = await renderDocumentAs(doc, "html");
    return Response.json({ stored: await store.publishReport(id, { fileBaseName: doc.fileBaseName, pdf, docx, html }) });
  } catch (error) {
    if (error instanceof MissingGlyphError)
      return Response.json({ message: error.message, missing: error.missing }, { status: 422 });
    return errorResponse(error);
  }
}

/** POST /api/reports/[id]/correct: 已发布 → 编辑中 as a 更正 with its reason; the published files stay. */
export async function startCorrection(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const id = await requireVisible(store, params);
    const { reason } = await bodyOf(request, ZCorrection);
    return Response.json({ stored: await store.startCorrection(id, reason) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /api/reports/[id]/workflow: the state, every transition, the review comments and the published records. */
export async function getWorkflow(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id } = await params;
    // A removed published report's record stays reachable to the office.
    const stored = await store.getReport(id, { withDeleted: true });
    if (!stored) throw notFound();
    const [transitions, comments, published] = await Promise.all([
      store.listTransitions(id),
      store.listComments(id),
      store.listPublished(id),
    ]);
    return Response.json({
      status: stored.status,
      correctionReason: stored.correctionReason,
      deletedAt: stored.deletedAt,
      transitions,
      comments,
      published,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/reports/[id]/comments/[commentId]/resolve */
export async function resolveComment(
  request: Request,
  { params }: { params: Promise<{ id: string; commentId: string }> },
): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    await bodyOf(request, z.object({}).strict());
    const { id, commentId } = await params;
    if (!(await store.resolveComment(id, commentId))) throw new RequestError("找不到这条意见，或它已处理", 404);
    return Response.json({ resolved: true });
  } catch (error) {
    return errorResponse(error);
  }
}

const ZPublishedFormat = z.enum(["pdf", "docx", "html"], { message: "格式应为 pdf、docx 或 html" });

/** GET /api/reports/[id]/published/[sequence]?format=pdf|docx|html: the published bytes, unchanged, with their SHA-256. */
export async function downloadPublished(
  request: Request,
  { params }: { params: Promise<{ id: string; sequence: string }> },
): Promise<Response> {
  try {
    const { store } = await requireContext(request);
    const { id, sequence } = await params;
    const format = ZPublishedFormat.safeParse(new URL(request.url).searchParams.get("format") ?? "pdf");
    if (!format.success) throw new RequestError(format.error.issues[0]!.message, 400);
    const file = await store.getPublishedFile(id, parsePositiveInteger(sequence, "发布序号"), format.data as PublishedFormat);
    if (!file) throw new RequestError("找不到这次发布的文件", 404);
    const suffix = Number(sequence) > 1 ? `（更正${Number(sequence) - 1}）` : "";
    return fileResponse(
      new Uint8Array(file.bytes),
      `${file.fileBaseName}${suffix}.${exportFormats[format.data].extension}`,
      format.data,
      {
        headers: { "x-content-sha256": file.sha256 },
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
