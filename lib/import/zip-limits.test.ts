import { once } from "node:events";
import { createDeflateRaw } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { importPublishedReport } from "./import-report";
import { checkZipLimits, MAX_UNZIPPED_BYTES, ZipLimitError } from "./zip-limits";

type Entry = { name: string; data: Buffer; method: 0 | 8; declaredSize: number };

/** A zip written field by field, so that a test can make it declare sizes it does not hold. */
function zipOf(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(0, 14); // CRC: no reader under test gets as far as checking it
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** 300 MB of Word paragraphs, deflated as a stream (never held whole). */
async function deflatedParagraphs(megabytes: number): Promise<{ data: Buffer; size: number }> {
  const paragraph = "<w:p><w:r><w:t>本机关认真贯彻落实政府信息公开条例。</w:t></w:r></w:p>";
  const chunk = Buffer.from(paragraph.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(paragraph))));
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  let size = 0;
  while (size < megabytes * 1024 * 1024) {
    if (!deflate.write(chunk)) await once(deflate, "drain");
    size += chunk.length;
  }
  deflate.end();
  await once(deflate, "end");
  return { data: Buffer.concat(parts), size };
}

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
