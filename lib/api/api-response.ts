import { isReportPayloadError } from "@/lib/store/report-payload";

/** One funnel from thrown errors to Chinese JSON answers: expected ones say what was wrong. */
export function errorResponse(error: unknown): Response {
  if (isReportPayloadError(error) || error instanceof RequestError) {
    return Response.json({ message: error.message }, { status: error.status });
  }
  console.error(error);
  return Response.json({ message: "服务器出错，请稍后重试；已填写的内容保留在本机" }, { status: 500 });
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 | 413,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export const notFound = () => new RequestError("找不到这份报告，可能已被删除", 404);

/** Reads a JSON body with a size limit, so an oversized paste is refused before parsing. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await request.text();
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) {
    throw new RequestError(`提交的数据过大：${bytes.toLocaleString("en-US")} 字节，上限约 ${Math.round(maxBytes / 1_000_000)} MB`, 413);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError("提交的数据不是有效的 JSON", 400);
  }
}

export function parseRevision(value: unknown, name: string): number {
  const revision = typeof value === "string" ? Number(value) : value;
  if (typeof revision !== "number" || !Number.isInteger(revision) || revision < 1) {
    throw new RequestError(`${name}应为正整数，收到“${String(value)}”`, 400);
  }
  return revision;
}
