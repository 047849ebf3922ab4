export { renderReportPdf } from "./render-report-pdf";
export { MissingGlyphError } from "./glyph-coverage";
