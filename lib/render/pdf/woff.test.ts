import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fontFilePaths } from "./fonts";
import { isWoff, woffToSfnt } from "./woff";

/** OpenType table checksum: the table as big-endian 32-bit words, summed modulo 2^32. */
function tableChecksum(data: Uint8Array, offset: number, length: number): number {
  const padded = new Uint8Array((length + 3) & ~3);
  padded.set(data.subarray(offset, offset + length));
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let at = 0; at < padded.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

const tag = (value: number) => String.fromCharCode(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);

describe("WOFF unwrapping", () => {
  it("gives back the TrueType font the 楷体 WOFF wraps, every table intact", () => {
    const woff = readFileSync(fontFilePaths().heading2);
    expect(isWoff(woff)).toBe(true);
    const sfnt = woffToSfnt(woff);
    const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
    expect(view.getUint32(0)).toBe(0x00010000);
    const numTables = view.getUint16(4);
    expect(numTables).toBe(new DataView(woff.buffer, woff.byteOffset).getUint16(12));

    const tags: string[] = [];
    for (let i = 0; i < numTables; i += 1) {
      const record = 12 + i * 16;
      const name = tag(view.getUint32(record));
      tags.push(name);
      const [checksum, offset, length] = [view.getUint32(record + 4), view.getUint32(record + 8), view.getUint32(record + 12)];
      expect(offset % 4).toBe(0);
      expect(offset + length).toBeLessThanOrEqual(sfnt.byteLength);
      // head's checksum is taken with its checkSumAdjustment field as zero.
      if (name === "head") {
        const head = sfnt.slice(offset, offset + length);
        head.fill(0, 8, 12);
        expect(tableChecksum(head, 0, length), name).toBe(checksum);
      } else {
        expect(tableChecksum(sfnt, offset, length), name).toBe(checksum);
      }
    }
    expect(tags).toEqual([...tags].sort());
    expect(tags).toContain("glyf");
  });

  it("refuses what is not a WOFF", () => {
    expect(isWoff(new Uint8Array([0, 1, 0, 0]))).toBe(false);
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow();
  });
});
