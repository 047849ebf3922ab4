import { z } from "zod";
import { scopeIncludes } from "@/lib/auth/access";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { findCell, reportSections, type SectionId } from "@/lib/format";
import { ZText } from "@/lib/report/report-schema";
import { type PublishedFormat, reportStatusLabels } from "@/lib/store/report-store";
import { notFound, RequestError } from "./api-response";
import { exportFormats, fileResponse, renderDocumentAs, renderDocumentFiles } from "./export-routes";
import { loadReportWithPreviousYear } from "./report-routes";
import { route, ZNoBody } from "./route";

const MAX_COMMENT = 2_000;
const sectionIds = reportSections.map((section) => section.id) as [SectionId, ...SectionId[]];

const ZComment = ZText(MAX_COMMENT).default("");

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
          body: ZText(MAX_COMMENT, { trim: true }).refine((text) => text !== "", { message: "不能为空" }),
        })
        .refine((item) => Boolean(item.cellId) !== Boolean(item.sectionId), { message: "每条意见附在一个单元格或一个部分上" }),
    )
    .max(200)
    .default([]),
});

/** The fields of a review request named as the review bar names them. */
const labels = {
  comment: "意见",
  comments: "单元格和部分的意见",
  "comments.*": "意见",
  "comments.*.body": "意见",
  "comments.*.cellId": "意见所在的单元格",
  "comments.*.sectionId": "意见所在的部分",
  reason: "更正原因",
};

const MAX_WORKFLOW_BODY = 200_000;

const ZOptionalComment = z.object({ comment: ZComment }).strict();
const ZCorrection = z
  .object({ reason: ZText(MAX_COMMENT, { trim: true }).refine((text) => text !== "", { message: "请写明更正的原因" }) })
  .strict();

/** A transition with an optional comment, on a report the person can see (else 404 before the body is read). */
const withComment = { access: "signed-in", params: { id: "visible-report" }, body: ZOptionalComment, labels } as const;

/** POST /api/reports/[id]/submit: 编辑中/退回修改 → 已提交, with no error left. */
export const submitReport = route(withComment, async ({ context: { store }, params: { id }, body: { comment } }) =>
  Response.json({ stored: await store.submitReport(id, comment) }),
);

/** POST /api/reports/[id]/withdraw: 已提交 → 编辑中 (撤回), by the report's own unit before it is reviewed. */
export const withdrawReport = route(withComment, async ({ context: { store }, params: { id }, body: { comment } }) =>
  Response.json({ stored: await store.withdrawReport(id, comment) }),
);

/** POST /api/reports/[id]/return: 已提交 or 审核通过 → 退回修改, with comments at cells or sections. */
export const returnReport = route(
  { ...withComment, body: ZReturnRequest, maxBytes: MAX_WORKFLOW_BODY },
  async ({ context: { store }, params: { id }, body }) =>
    Response.json({ stored: await store.returnReport(id, body.comment, body.comments) }),
);

/** POST /api/reports/[id]/approve: 已提交 → 审核通过. */
export const approveReport = route(withComment, async ({ context: { store }, params: { id }, body: { comment } }) =>
  Response.json({ stored: await store.approveReport(id, comment) }),
);

/**
 * POST /api/reports/[id]/publish: 审核通过 → 已发布. The official PDF, DOCX and HTML are made
 * once, here, and kept; what is downloaded from then on is those bytes.
 */
export const publishReport = route(
  { access: "signed-in", params: { id: "report" }, body: ZNoBody },
  async ({ context: { store, scopes }, params: { id } }) => {
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
  },
);

/** POST /api/reports/[id]/correct: 已发布 → 编辑中 as a 更正 with its reason; the published files stay. */
export const startCorrection = route(
  { ...withComment, body: ZCorrection },
  async ({ context: { store }, params: { id }, body: { reason } }) =>
    Response.json({ stored: await store.startCorrection(id, reason) }),
);

/** GET /api/reports/[id]/workflow: the state, every transition, the review comments and the published records. */
export const getWorkflow = route(
  { access: "signed-in", params: { id: "report" } },
  async ({ context: { store }, params: { id } }) => {
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
  },
);

/** POST /api/reports/[id]/comments/[commentId]/resolve */
export const resolveComment = route(
  { access: "signed-in", params: { id: "report", commentId: "comment" }, body: ZNoBody },
  async ({ context: { store }, params: { id, commentId } }) => {
    if (!(await store.resolveComment(id, commentId))) throw new RequestError("找不到这条意见，或它已处理", 404);
    return Response.json({ resolved: true });
  },
);

const ZPublishedFormat = z.enum(["pdf", "docx", "html"], { message: "格式应为 pdf、docx 或 html" });

/** GET /api/reports/[id]/published/[sequence]?format=pdf|docx|html: the published bytes, unchanged, with their SHA-256. */
export const downloadPublished = route(
  {
    access: "signed-in",
    params: { id: "report", sequence: "sequence" },
    query: z.object({ format: ZPublishedFormat.default("pdf") }),
    labels: { format: "格式" },
  },
  async ({ context: { store }, params: { id, sequence }, query: { format } }) => {
    const file = await store.getPublishedFile(id, sequence, format as PublishedFormat);
    if (!file) throw new RequestError("找不到这次发布的文件", 404);
    const suffix = sequence > 1 ? `（更正${sequence - 1}）` : "";
    return fileResponse(new Uint8Array(file.bytes), `${file.fileBaseName}${suffix}.${exportFormats[format].extension}`, format, {
      headers: { "x-content-sha256": file.sha256 },
    });
  },
);
