/**
 * The upload limit, apart from the importer so that the browser can check a file's size
 * before sending it without loading the readers (pdf.js, mammoth).
 */

/** Largest file accepted: a published report is a few hundred kilobytes; 20 MB leaves room for images. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The refusal of a file over the limit; `bytes` null when only “more than the limit” is known (an upload cut off while streaming). */
export function tooLargeMessage(bytes: number | null): string {
  const limit = `最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
  return bytes === null ? `文件过大，${limit}` : `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），${limit}`;
}
