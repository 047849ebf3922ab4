import { FILE_NAME_HEADER, MAX_IMPORT_BYTES, tooLargeMessage } from "@/lib/import/limits";
import { ApiError, callApi } from "./api-client";

/** The file types the importer reads, for the file chooser. */
export const PUBLISHED_REPORT_ACCEPT = ".pdf,.docx,.html,.htm,.shtml,.txt,.md,application/pdf,text/html,text/plain";

/**
 * Sends a chosen file as its raw bytes with its name in X-File-Name (percent-encoded UTF-8):
 * the upload routes take nothing else. A file over the limit is refused here, before sending.
 */
export async function uploadFile<T>(url: string, file: File): Promise<T> {
  if (file.size > MAX_IMPORT_BYTES) throw new ApiError(tooLargeMessage(file.size), 413, null);
  return callApi<T>(url, {
    method: "POST",
    body: file,
    headers: { "content-type": "application/octet-stream", [FILE_NAME_HEADER]: encodeURIComponent(file.name) },
  });
}
