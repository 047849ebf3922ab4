export { renderReportPdf } from "./render-report-pdf";
