export * from "./build-report-document";
export * from "./chinese-numeral";
export * from "./opening-paragraph";
export * from "./report-document";
