import { mkdirSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { buildReportDocument } from "@/lib/document";
import { renderReportHtml } from "../html/render-report-html";
import { hardCases } from "../test-support/hard-cases";
import { validateDocx } from "../test-support/validate-docx";
import { renderReportDocx } from "./render-report-docx";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looks for the characters XML cannot hold
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;

type Exported = { name: string; bytes: Uint8Array };

describe("every DOCX the renderer writes, seeds and hard cases", () => {
  const exported: Exported[] = [];

  beforeAll(async () => {
    const seeds = publishedSeedReports();
    for (const { entry, report } of seeds) {
      exported.push({
        name: `seed-${entry.seed}`,
        bytes: await renderReportDocx(buildReportDocument(report, { isDraft: false })),
      });
    }
    exported.push({ name: "draft-001", bytes: await renderReportDocx(buildReportDocument(seeds[1]!.report, { isDraft: true })) });
    for (const { name, doc } of hardCases()) exported.push({ name, bytes: await renderReportDocx(doc) });
    mkdirSync("test-artifacts/docx", { recursive: true });
    for (const { name, bytes } of exported) writeFileSync(`test-artifacts/docx/${name}.docx`, bytes);
  }, 120_000);

  it("passes the ISO/IEC 29500 schema check (tools/ooxml) with exit 0", () => {
    const result = validateDocx(exported);
    expect(result.output).toContain("word/document.xml: VALID");
    expect(result.output).not.toContain("NOT WELL-FORMED");
    expect(result.status, result.output).toBe(0);
  }, 120_000);

  it("writes no control character, U+FFFE/U+FFFF or lone surrogate, and keeps the text around them", async () => {
    const illegal = exported.find((file) => file.name === "illegal-characters")!;
    const zip = await JSZip.loadAsync(illegal.bytes);
    for (const name of Object.keys(zip.files).filter((file) => file.endsWith(".xml"))) {
      const xml = await zip.file(name)!.async("string");
      expect(XML_ILLEGAL.test(xml), name).toBe(false);
    }
    const document = await zip.file("word/document.xml")!.async("string");
    expect(document.replace(/<[^>]+>/g, "")).toContain("公开内容不够全面，申请人数量增加。");
    expect(document.replace(/<[^>]+>/g, "")).toContain("某某人民政府办公室");
  });
});

describe("HTML of text with control characters", () => {
  it("passes no \\v, \\f, \\a, \\x02, non-character or lone surrogate through", () => {
    const illegal = hardCases().find((entry) => entry.name === "illegal-characters")!;
    const html = renderReportHtml(illegal.doc);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looks for control characters HTML must not carry
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\uFFFE\uFFFF]|[\uD800-\uDFFF]/u.test(html)).toBe(false);
    expect(html).toContain("公开内容不够全面，申请人数量增加。");
  });
});
