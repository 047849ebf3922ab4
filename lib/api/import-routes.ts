import { z } from "zod";
import { FILE_NAME_HEADER, givenYearMessage, MAX_IMPORT_BYTES, parseGivenYear, readUpload, tooLargeMessage } from "@/lib/import";
import { ZText } from "@/lib/report/report-schema";
import { WorkerPoolBusyError } from "@/lib/worker-pool/worker-pool";
import { RequestError, readBodyBytes } from "./api-response";
import { route } from "./route";

/**
 * Uploads of published reports. The file comes as its raw bytes (application/octet-stream)
 * with its name, percent-encoded UTF-8, in this header: a page on another site can post a
 * form (multipart/form-data, text/plain) here, but not this without the browser asking us first.
 */
export const UPLOAD_CONTENT_TYPE = "application/octet-stream";

function assertFileUpload(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== UPLOAD_CONTENT_TYPE) {
    throw new RequestError(
      `上传文件只接受文件的原始内容（Content-Type: ${UPLOAD_CONTENT_TYPE}），收到的是“${type || "未注明"}”`,
      415,
    );
  }
}

function fileNameOf(request: Request): string {
  const header = request.headers.get(FILE_NAME_HEADER);
  if (!header) throw new RequestError("请求中缺少文件名（X-File-Name）", 400);
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw new RequestError("文件名（X-File-Name）应为百分号编码的 UTF-8", 400);
  }
  // Only the name: a path sent with it says nothing about the report.
  name = name.replace(/^.*[\\/]/, "").trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check itself: a file name holding a control character is refused
  if (name === "" || name.length > 255 || /[\u0000-\u001f\u007f]/u.test(name)) {
    throw new RequestError("文件名（X-File-Name）为空、过长或含有控制字符", 400);
  }
  return name;
}

/** `?year=`: the year to use for a file that prints none (the upload screen's 年度), as the importer reads it. */
const ZGivenYear = ZText(100)
  .optional()
  .transform((text, context) => {
    if (text === undefined || text.trim() === "") return undefined;
    const year = parseGivenYear(text);
    if (year === null) context.addIssue({ code: "custom", message: givenYearMessage(text) });
    return year ?? undefined;
  });

const ZUploadQuery = z.object({
  year: ZGivenYear,
  /** `copy`: stored as a copy beside the agency's report of that year. */
  as: z.enum(["copy"], { message: "只能是 copy（另存为副本）" }).optional(),
});

/** The uploaded file read as a report; refused (nothing stored) with the importer's Chinese message. */
async function importUpload(request: Request, year: number | undefined) {
  assertFileUpload(request);
  const fileName = fileNameOf(request);
  const options = year === undefined ? {} : { year };
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(request, MAX_IMPORT_BYTES);
  } catch (error) {
    if (error instanceof RequestError && error.status === 413) {
      const declared = Number(request.headers.get("content-length"));
      throw new RequestError(tooLargeMessage(Number.isFinite(declared) && declared > MAX_IMPORT_BYTES ? declared : null), 413, {
        reason: "too_large",
      });
    }
    throw error;
  }
  let outcome: Awaited<ReturnType<typeof readUpload>>;
  try {
    outcome = await readUpload(bytes, fileName, options);
  } catch (error) {
    if (error instanceof WorkerPoolBusyError) throw new RequestError(error.message, 503, { reason: "busy" });
    throw error;
  }
  if (!outcome.ok)
    throw new RequestError(outcome.message, outcome.reason === "too_large" ? 413 : 422, { reason: outcome.reason });
  return outcome;
}

/**
 * POST: a published report as a new report of its agency and year (`?as=copy`: as a copy,
 * beside the one there is). One of that agency and year already stored: 409 with its link.
 */
export const importReport = route(
  { access: "signed-in", query: ZUploadQuery, labels: { year: "年度", as: "导入方式（as）" } },
  async ({ request, context: { store }, query }) => {
    // An upload belongs to the uploader's unit.
    const { report, notes } = await importUpload(request, query.year);
    const stored = await store.createReport(report, { kind: query.as === "copy" ? "copy" : "report" });
    return Response.json({ stored, notes }, { status: 201 });
  },
);

/** POST: a published report read and returned, nothing stored (last year's file, for this year's 上年结转). */
export const readPublishedReport = route(
  { access: "signed-in", query: ZUploadQuery.omit({ as: true }), labels: { year: "年度" } },
  async ({ request, query }) => {
    const { report, notes, sourceType } = await importUpload(request, query.year);
    return Response.json({ report, notes, sourceType });
  },
);
