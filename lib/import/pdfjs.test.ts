import { execFileSync } from "node:child_process";
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
  it("leaves the process's Array.prototype.push and JSON as they were, and keeps what pdf.js adds", () => {
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
