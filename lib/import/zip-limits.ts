/**
 * A Word file is a zip: 1 MB of it can unpack to gigabytes (a “zip bomb”) and take the server
 * down while a reader inflates it. Its declared sizes are checked before anything is inflated,
 * then every entry is inflated once as a stream, counted and thrown away, so a header that
 * understates a size is caught after at most the limit's bytes — never held in memory.
 */
import { fromBufferPromise } from "yauzl";

/** A report's text unpacks to a few MB; images stay their size. 100 MB leaves room for both. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/** A Word file holds tens of parts, a few hundred with many images. */
export const MAX_ZIP_ENTRIES = 2000;

export type ZipLimits = { maxBytes: number; maxEntries: number };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;

/** What a file over a limit is told; it names the limit. */
export const zipLimitMessage = {
  entries: (count: number, limits: ZipLimits) =>
    `Word 文件内含 ${count} 个部件，超过 ${limits.maxEntries} 个的上限，未导入；文件可能已损坏或不是正常的 Word 文件`,
  declared: (bytes: number, limits: ZipLimits) =>
    `Word 文件解压后共 ${megabytes(bytes)}，超过解压后 ${megabytes(limits.maxBytes)} 的上限，未导入；文件可能已损坏或是“压缩炸弹”`,
  inflated: (entry: string, limits: ZipLimits) =>
    `Word 文件中的“${entry.slice(0, 80)}”解压出的内容比文件记录的大小多，未导入（解压后上限 ${megabytes(limits.maxBytes)}）；文件可能已损坏或是“压缩炸弹”`,
};

/** Over a limit: the Chinese message naming it. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

/**
 * Throws ZipLimitError when the zip declares more entries or unpacked bytes than the limits,
 * or inflates to more than it declares; other errors mean a damaged zip.
 * Returns the bytes inflated (the parts read to check them).
 */
export async function checkZipLimits(
  bytes: Uint8Array,
  limits: ZipLimits = { maxBytes: MAX_UNZIPPED_BYTES, maxEntries: MAX_ZIP_ENTRIES },
): Promise<number> {
  const zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    // An entry inflating past its declared size is an error as soon as it passes it.
    validateEntrySizes: true,
  });
  try {
    if (zip.entryCount > limits.maxEntries) throw new ZipLimitError(zipLimitMessage.entries(zip.entryCount, limits));
    // The central directory first: the sizes it declares, nothing inflated yet.
    const entries = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      entries.push(entry);
      if (entries.length > limits.maxEntries) throw new ZipLimitError(zipLimitMessage.entries(zip.entryCount, limits));
    }
    if (declared > limits.maxBytes) throw new ZipLimitError(zipLimitMessage.declared(declared, limits));
    let inflated = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const stream = await zip.openReadStreamPromise(entry);
      try {
        for await (const chunk of stream) {
          inflated += (chunk as Buffer).length;
          if (inflated > limits.maxBytes) throw new ZipLimitError(zipLimitMessage.inflated(entry.fileName, limits));
        }
      } catch (error) {
        stream.destroy();
        if (error instanceof ZipLimitError) throw error;
        // yauzl's own check: more bytes than the entry declares.
        if (error instanceof Error && /too many bytes in the stream/.test(error.message))
          throw new ZipLimitError(zipLimitMessage.inflated(entry.fileName, limits));
        throw error;
      }
    }
    return inflated;
  } finally {
    zip.close();
  }
}
