/** Largest report accepted, as UTF-8 JSON. Real reports are tens of KB; this bounds a bad client. */
export const MAX_REPORT_BYTES = 1_000_000;

const bytesText = (bytes: number) => `${bytes.toLocaleString("en-US")} 字节`;
const megabytesText = (bytes: number) => `${(bytes / 1_000_000).toLocaleString("zh-CN", { maximumFractionDigits: 2 })} MB`;

/**
 * The one refusal of data over a size limit, for a request body and for a report handed to
 * the store alike; `bytes` is null when only “more than the limit” is known (a body cut off while streaming).
 */
export function dataTooLargeMessage(bytes: number | null, maxBytes: number): string {
  const limit = `上限为 ${bytesText(maxBytes)}（${megabytesText(maxBytes)}）`;
  return bytes === null ? `提交的数据过大：超过${limit}` : `提交的数据过大：${bytesText(bytes)}，${limit}`;
}
