import { inflateSync } from "node:zlib";

/**
 * WOFF 1.0 → the OpenType (SFNT) font it wraps (W3C WOFF File Format 1.0, §3–5).
 * fontkit reads WOFF directly but inflates a whole table, in JavaScript, on every
 * read of it: with a Chinese font's 10 MB glyf table that takes minutes. Unwrapped
 * once with zlib, the font is read like any TrueType file.
 */
const WOFF_SIGNATURE = 0x774f4646; // "wOFF"
const WOFF_HEADER_BYTES = 44;
const WOFF_TABLE_ENTRY_BYTES = 20;
const SFNT_HEADER_BYTES = 12;
const SFNT_TABLE_RECORD_BYTES = 16;

type TableEntry = { tag: number; offset: number; compLength: number; origLength: number; origChecksum: number };

const padded = (length: number) => (length + 3) & ~3;

export function isWoff(data: Uint8Array): boolean {
  return data.byteLength >= 4 && new DataView(data.buffer, data.byteOffset, 4).getUint32(0) === WOFF_SIGNATURE;
}

export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (!isWoff(woff)) throw new Error("not a WOFF 1.0 font");
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);

  const entries: TableEntry[] = Array.from({ length: numTables }, (_, i) => {
    const at = WOFF_HEADER_BYTES + i * WOFF_TABLE_ENTRY_BYTES;
    return {
      tag: view.getUint32(at),
      offset: view.getUint32(at + 4),
      compLength: view.getUint32(at + 8),
      origLength: view.getUint32(at + 12),
      origChecksum: view.getUint32(at + 16),
    };
  });

  const directoryEnd = SFNT_HEADER_BYTES + numTables * SFNT_TABLE_RECORD_BYTES;
  const total = entries.reduce((sum, entry) => sum + padded(entry.origLength), directoryEnd);
  const sfnt = new Uint8Array(total);
  const out = new DataView(sfnt.buffer);

  // Offset table: the binary-search fields follow from the table count (OpenType spec).
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.setUint32(0, flavor);
  out.setUint16(4, numTables);
  out.setUint16(6, searchRange);
  out.setUint16(8, entrySelector);
  out.setUint16(10, numTables * 16 - searchRange);

  // WOFF keeps the directory sorted by tag, as SFNT requires; the data goes in the same order.
  let dataOffset = directoryEnd;
  entries.forEach((entry, i) => {
    const stored = woff.subarray(entry.offset, entry.offset + entry.compLength);
    const table = entry.compLength < entry.origLength ? inflateSync(stored) : stored;
    if (table.byteLength !== entry.origLength) throw new Error("WOFF table does not inflate to its stated length");
    sfnt.set(table, dataOffset);
    const record = SFNT_HEADER_BYTES + i * SFNT_TABLE_RECORD_BYTES;
    out.setUint32(record, entry.tag);
    out.setUint32(record + 4, entry.origChecksum);
    out.setUint32(record + 8, dataOffset);
    out.setUint32(record + 12, entry.origLength);
    dataOffset += padded(entry.origLength);
  });
  return sfnt;
}
