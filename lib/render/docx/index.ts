export { buildDocx, renderReportDocx } from "./render-report-docx";
