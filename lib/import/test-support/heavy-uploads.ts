/** Uploads that take a reader down when read carelessly (a zip bomb, a huge page): for the tests and the benchmark. */
import { once } from "node:events";
import { createDeflateRaw } from "node:zlib";

export type ZipEntry = { name: string; data: Buffer; method: 0 | 8; declaredSize: number };

/** A zip written field by field, so that a test can make it declare sizes it does not hold. */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
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

/** Megabytes of Word paragraphs, deflated as a stream (never held whole). */
export async function deflatedParagraphs(megabytes: number): Promise<{ data: Buffer; size: number }> {
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

const contentTypes = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** A .docx of `megabytes` of paragraphs that declares its true size (about 1 MB on disk for 300 MB). */
export async function docxBomb(megabytes: number, declaredSize?: number): Promise<Buffer> {
  const { data, size } = await deflatedParagraphs(megabytes);
  return zipOf([
    { name: "[Content_Types].xml", data: contentTypes, method: 0, declaredSize: contentTypes.length },
    { name: "word/document.xml", data, method: 8, declaredSize: declaredSize ?? size },
  ]);
}

/** A web page of `megabytes` of table rows: slow and memory-hungry to read. */
export function heavyHtml(megabytes: number): Buffer {
  const row = "<tr><td>（一）主动公开政府信息情况</td><td>12</td><td>3</td><td>45</td></tr>";
  const rows = row.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(row)));
  return Buffer.from(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>2024年政府信息公开工作年度报告</title></head><body><h1>2024年政府信息公开工作年度报告</h1><table>${rows}</table></body></html>`,
  );
}
