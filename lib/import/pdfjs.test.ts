import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A fresh process: in the test runner another file may have loaded pdf.js already.
const probe = `
const before = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
const loaded = await import(${JSON.stringify(path.join(__dirname, "pdfjs.ts"))});
const { loadPdfJs } = loaded.loadPdfJs ? loaded : loaded.default;
const pdfjs = await loadPdfJs();
const raw = await import("pdfjs-dist/legacy/build/pdf.mjs");
console.log(JSON.stringify({
  push: Array.prototype.push === before.push,
  parse: JSON.parse === before.parse,
  stringify: JSON.stringify === before.stringify,
  worker: typeof globalThis.pdfjsWorker?.WorkerMessageHandler,
  same: pdfjs === raw,
  withResolvers: typeof Promise.withResolvers,
}));
`;

describe("loading pdf.js", () => {
  // A fresh Node with tsx loading pdf.js: seconds on a quiet machine, far more on a loaded one.
  it("leaves the process's Array.prototype.push and JSON as they were, and keeps what pdf.js adds", { timeout: 180_000 }, () => {
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], {
      cwd: path.join(__dirname, "../.."),
      encoding: "utf8",
    });
    const result = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(result).toEqual({
      push: true,
      parse: true,
      stringify: true,
      worker: "function",
      same: true,
      withResolvers: "function",
    });
  });
});

describe("pdf.js as installed", () => {
  it("carries the project's patch: copying a text state does not chain prototypes (patches/pdfjs-dist+*.patch)", () => {
    // Each copy inheriting from the last made V8 build a new hidden class per 'q' operator:
    // 80 ms of a 95 ms import of our own PDF. npm ci applies the patch (postinstall: patch-package).
    const worker = readFileSync(require.resolve("pdfjs-dist/legacy/build/pdf.worker.mjs"), "utf8");
    const textStateClone = worker.slice(worker.indexOf("class TextState"), worker.indexOf("class EvalState"));
    expect(textStateClone).toContain("Object.assign(Object.create(Object.getPrototypeOf(this)), this)");
    expect(textStateClone).not.toContain("Object.assign(Object.create(this), this)");
  });
});
