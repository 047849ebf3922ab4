import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe("pdfkit as installed", () => {
  it("carries the project's patch: a font object given again is the font already opened (patches/pdfkit+*.patch)", () => {
    // react-pdf hands pdfkit its fontkit font for every run of text; unpatched, pdfkit opened it
    // anew each time (a new subset) and compared name tables as JSON: some 10 % of a render.
    // npm ci applies the patch (postinstall: patch-package).
    const main = require.resolve("pdfkit");
    const source = readFileSync(path.join(path.dirname(main), "pdfkit.node.mjs"), "utf8");
    const fontMethod = source.slice(source.indexOf("var FontsMixin = {"), source.indexOf("fontSize(_fontSize) {"));
    expect(fontMethod).toContain("this._fontsBySource ??= new WeakMap()");
    expect(fontMethod).toContain("bySource?.set(src, this._font);");
  });
});
