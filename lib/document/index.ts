export * from "./build-report-document";
export * from "./opening-paragraph";
export * from "./printable-text";
export * from "./report-document";
