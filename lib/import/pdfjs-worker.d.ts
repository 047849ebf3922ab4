// pdf.js ships no types for its worker bundle; it is imported only for its side effect
// (registering globalThis.pdfjsWorker), so nothing of it is typed here.
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs";
