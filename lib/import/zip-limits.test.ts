import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { importPublishedReport } from "./import-report";
import { deflatedParagraphs, type ZipEntry as Entry, zipOf } from "./test-support/heavy-uploads";
import { checkZipLimits, MAX_UNZIPPED_BYTES, ZipLimitError } from "./zip-limits";

let bombData: Promise<{ data: Buffer; size: number }> | undefined;
const paragraphs300MB = () => (bombData ??= deflatedParagraphs(300));

const contentTypes = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);
const docxEntries = (document: Entry): Entry[] => [
  { name: "[Content_Types].xml", data: contentTypes, method: 0, declaredSize: contentTypes.length },
  document,
];

describe("a Word file's zip is checked before it is unpacked", () => {
  it("refuses a zip bomb by its declared size, naming the limit, before inflating it", async () => {
    const { data, size } = await paragraphs300MB();
    const bomb = zipOf(docxEntries({ name: "word/document.xml", data, method: 8, declaredSize: size }));
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    await expect(checkZipLimits(bomb)).rejects.toThrow(/解压后共 300 MB，超过解压后 100 MB 的上限/);
    const outcome = await importPublishedReport(bomb, "2024年报.docx");
    expect(outcome).toMatchObject({ ok: false, reason: "too_large" });
    expect(!outcome.ok && outcome.message).toContain("100 MB 的上限");
  });

  it("refuses a zip whose header understates what it inflates to, once the stream passes the declared size", async () => {
    const { data } = await paragraphs300MB();
    const liar = zipOf(docxEntries({ name: "word/document.xml", data, method: 8, declaredSize: 4096 }));
    const error = await checkZipLimits(liar).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZipLimitError);
    expect((error as Error).message).toContain("“word/document.xml”解压出的内容比文件记录的大小多");
    const outcome = await importPublishedReport(liar, "2024年报.docx");
    expect(outcome).toMatchObject({ ok: false, reason: "too_large" });
  });

  it("counts the bytes actually inflated against the limit, whatever the headers say", async () => {
    const { data, size } = await deflatedParagraphs(3);
    const honest = zipOf(docxEntries({ name: "word/document.xml", data, method: 8, declaredSize: size }));
    await expect(checkZipLimits(honest, { maxBytes: 1024 * 1024, maxEntries: 10 })).rejects.toThrow(/1\.0 MB 的上限/);
    await expect(checkZipLimits(honest, { maxBytes: 10 * 1024 * 1024, maxEntries: 10 })).resolves.toBe(
      size + contentTypes.length,
    );
  });

  it("refuses a zip of more entries than a Word file holds, naming the limit", async () => {
    const entries = Array.from({ length: 2001 }, (_, index) => ({
      name: `word/media/${index}.xml`,
      data: Buffer.alloc(0),
      method: 0 as const,
      declaredSize: 0,
    }));
    const outcome = await importPublishedReport(zipOf(docxEntries(entries[0]!).concat(entries.slice(1))), "报告.docx");
    expect(outcome).toMatchObject({ ok: false, reason: "too_large" });
    expect(!outcome.ok && outcome.message).toContain("超过 2000 个的上限");
  });

  it("lets an ordinary Word file through to the reader", async () => {
    const document = new Document({ sections: [{ children: [new Paragraph("会议通知")] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const inflated = await checkZipLimits(bytes);
    expect(inflated).toBeGreaterThan(0);
    expect(inflated).toBeLessThan(MAX_UNZIPPED_BYTES);
    // Read, and refused only for what it says.
    expect(await importPublishedReport(bytes, "通知.docx")).toMatchObject({ ok: false, reason: "not_a_report" });
  });
});
