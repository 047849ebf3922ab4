import { printableDocument, type ReportDocument } from "@/lib/document";
import { withPrintedTables } from "../gbt9704";
import { registerFonts } from "./fonts";
import { prepareFaces } from "./pdf-faces";
import { loadReactPdf } from "./react-pdf";
import { reportPdfElement } from "./report-pdf";

/**
 * The report as a PDF laid out to GB/T 9704-2012 (A4, 版心 156 × 225 mm, 22 lines of
 * 28 characters, page numbers 7 mm under the 版心), with subsets of open fonts embedded.
 * Throws MissingGlyphError, naming the characters and where they are, when no embedded
 * face has a character of the report.
 */
export async function renderReportPdf(given: ReportDocument): Promise<Uint8Array> {
  const doc = withPrintedTables(printableDocument(given));
  const pdf = await loadReactPdf();
  registerFonts(pdf);
  const faces = await prepareFaces(pdf, doc);
  const buffer = await pdf.renderToBuffer(reportPdfElement(pdf, doc, faces));
  collectGarbageSoon();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * A render leaves some 40 MB of garbage, which V8 on a machine with plenty of memory lets
 * pile up export after export: the server (`npm start`, with --expose-gc) collects it as soon
 * as the render has answered. Elsewhere (tests, the command line) gc is not exposed and V8 decides.
 */
function collectGarbageSoon(): void {
  const { gc } = globalThis as { gc?: () => void };
  if (gc) setImmediate(gc);
}
