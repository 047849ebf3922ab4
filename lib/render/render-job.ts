/**
 * Setting a report as PDF and Word is 1–2 s of CPU: the server does it in a worker thread
 * (lib/worker-pool, render-worker.ts). This is the job the worker runs — plain data in, plain
 * data out, so it crosses between threads — and how the request thread asks for it.
 */
import type { ReportDocument } from "@/lib/document/report-document";
import { runJob } from "@/lib/worker-pool/server-jobs";
import { type MissingCharacter, MissingGlyphError } from "./pdf/glyph-coverage";

export type RenderedFormat = "pdf" | "docx";
export type RenderJob = { doc: ReportDocument; formats: readonly RenderedFormat[] };
/** The files, or the characters no PDF face has (the PDF is refused for them). */
export type RenderOutcome =
  | { ok: true; files: Partial<Record<RenderedFormat, Uint8Array>> }
  | { ok: false; missing: readonly MissingCharacter[] };

export async function renderJob({ doc, formats }: RenderJob): Promise<RenderOutcome> {
  const files: Partial<Record<RenderedFormat, Uint8Array>> = {};
  try {
    for (const format of formats) {
      files[format] = ownBytes(
        format === "pdf"
          ? await (await import("./pdf/render-report-pdf")).renderReportPdf(doc)
          : await (await import("./docx/render-report-docx")).renderReportDocx(doc),
      );
    }
  } catch (error) {
    if (error instanceof MissingGlyphError) return { ok: false, missing: error.missing };
    throw error;
  }
  return { ok: true, files };
}

/** Bytes that own their whole buffer, so moving the buffer to another thread moves the file and nothing else. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * The document in each format asked for, set off the request thread in the built server.
 * Throws MissingGlyphError as the PDF renderer does; WorkerPoolBusyError when too many files
 * are waiting, WorkerJobStoppedError when setting one passes the time or memory limit.
 */
export async function renderFiles<Format extends RenderedFormat>(
  doc: ReportDocument,
  formats: readonly Format[],
): Promise<Record<Format, Uint8Array>> {
  const outcome = await runJob("render", { doc, formats });
  if (!outcome.ok) throw new MissingGlyphError(outcome.missing);
  return outcome.files as Record<Format, Uint8Array>;
}
