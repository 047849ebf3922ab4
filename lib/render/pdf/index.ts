export { MissingGlyphError } from "./glyph-coverage";
export { renderReportPdf } from "./render-report-pdf";
