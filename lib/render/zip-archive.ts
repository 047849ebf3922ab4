/**
 * ZIP archives whose Chinese file names read correctly everywhere an office opens them.
 *
 * Explorer's compressed folders on Chinese Windows (7, and 10 before 1903) ignore the ZIP
 * UTF-8 flag and read names in the system code page (GBK), so UTF-8 names show as mojibake.
 * Names are written in GB18030 (GBK for every GBK character) with the Info-ZIP Unicode Path
 * field carrying the UTF-8 name, which 7-Zip, WinRAR, unzip and newer Windows prefer.
 */
import iconv from "iconv-lite";
import JSZip from "jszip";

export type ZipEntry = { name: string; content: Uint8Array | string };

/** A text file as Notepad on an older Windows reads it: BOM-marked UTF-8, CRLF line ends. */
export const windowsText = (lines: readonly string[]): string => `\uFEFF${lines.join("\r\n")}\r\n`;

export async function zipForWindows(entries: readonly ZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.content);
  // JSZip adds the Unicode Path field itself whenever the name is not ASCII.
  return zip.generateAsync({
    type: "uint8array",
    compression: "STORE",
    // JSZip takes the encoded name as a binary string, one character per byte.
    encodeFileName: (name) => String.fromCharCode(...iconv.encode(name, "gb18030")),
  });
}
