import { z } from "zod";
import { isAccountError } from "@/lib/auth/accounts";
import { MissingGlyphError } from "@/lib/render/pdf/glyph-coverage";
import { isCarryForwardError } from "@/lib/report/carry-forward";
import { describeSchemaIssue } from "@/lib/report/parse-report";
import { dataTooLargeMessage } from "@/lib/report/size-limit";
import { isStorageFullError, StorageFullError, storageFullRefusal } from "@/lib/store/disk-space";
import { isReportPayloadError } from "@/lib/store/report-payload";
import { isDuplicateReportError, isReportNotFoundError, isReportStateError } from "@/lib/store/report-store";
import { isUnitError } from "@/lib/store/unit-store";

export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RequestError";
  }
}

/** One funnel from thrown errors to Chinese JSON answers: expected ones say what was wrong. */
export function errorResponse(error: unknown): Response {
  if (error instanceof RequestError) {
    return Response.json({ message: error.message, ...error.details }, { status: error.status });
  }
  if (isAccountError(error)) {
    // The field it is about, for the form to mark (aria-invalid) and focus.
    return Response.json({ message: error.message, ...(error.field ? { field: error.field } : {}) }, { status: error.status });
  }
  if (isReportPayloadError(error) || isCarryForwardError(error) || isUnitError(error) || isReportNotFoundError(error)) {
    return Response.json({ message: error.message }, { status: error.status });
  }
  // A character no embedded face has: the PDF would print it wrong, so it is refused with the characters and places.
  if (error instanceof MissingGlyphError) {
    return Response.json({ message: error.message, missing: error.missing }, { status: 422 });
  }
  if (error instanceof z.ZodError) return Response.json({ message: schemaErrorMessage(error) }, { status: 400 });
  if (isReportStateError(error)) {
    return Response.json({ message: error.message, ...error.details }, { status: error.status });
  }
  if (isDuplicateReportError(error)) {
    const { existing } = error;
    return Response.json(
      { message: error.message, existing: { id: existing.id, agencyName: existing.agencyName, year: existing.year } },
      { status: 409 },
    );
  }
  // The disk is full (PGlite refused before writing, or PostgreSQL's 53100): nothing was saved, reads still work.
  if (isStorageFullError(error)) {
    const message = (storageFullRefusal(error) ?? new StorageFullError("数据库服务器报告磁盘已满")).message;
    return Response.json({ message, reason: "disk_full" }, { status: 507 });
  }
  console.error(error);
  return Response.json({ message: "服务器出错，请稍后重试；已填写的内容保留在本机" }, { status: 500 });
}

type Issue = z.core.$ZodIssue;

/** Of a union's branches, the one the input came closest to: no unknown field, fewest problems. */
function closestIssue(issue: Issue): Issue {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const score = (branch: Issue[]) => branch.length + (branch.some((inner) => inner.code === "unrecognized_keys") ? 1_000 : 0);
  const best = issue.errors.reduce((a, b) => (score(b) < score(a) ? b : a));
  const inner = best[0];
  return inner ? closestIssue({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}

/**
 * The one message for a request that does not fit its schema: the first problem, at the field
 * named as staff know it (`labels` of the route, `comments.*.body` for any item; else the report's
 * own field names), in Chinese.
 */
export function schemaErrorMessage(error: z.ZodError, labels: Record<string, string> = {}): string {
  const first = error.issues[0];
  if (!first) return "请求的格式不对";
  const issue = closestIssue(first);
  const dotted = issue.path.map(String).join(".");
  const label = labels[dotted] ?? labels[dotted.replace(/\.\d+(?=\.|$)/g, ".*")];
  if (label) return issue.message.startsWith(label) ? issue.message : `${label}：${issue.message}`;
  return issue.path.length === 0 ? `请求的格式不对：${issue.message}` : describeSchemaIssue(issue);
}

export const notFound = () => new RequestError("找不到这份报告，可能已被删除，或不属于您的单位", 404);

/** The request's bytes, refused (413) as soon as they pass `maxBytes`: a huge body is never buffered. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new RequestError(dataTooLargeMessage(declared, maxBytes), 413);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new RequestError(dataTooLargeMessage(null, maxBytes), 413);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Writes carry JSON only: a form post or text/plain from another site is not one of our requests. */
export function assertJsonRequest(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new RequestError(`只接受 JSON 格式的请求（Content-Type: application/json），收到的是“${type || "未注明"}”`, 415);
  }
}

/**
 * Reads a JSON request body: JSON only (415), within `maxBytes` while reading (413), valid
 * UTF-8 (never silently replaced with U+FFFD) and valid JSON (400).
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  assertJsonRequest(request);
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError("提交的数据含有无效的 UTF-8 字节，请以 UTF-8 编码提交", 400);
  }
  if (text.trim() === "") throw new RequestError("请求中没有数据", 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError("提交的数据不是有效的 JSON", 400);
  }
}
