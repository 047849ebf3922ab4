export * from "./render-report-html";
