// Tests only: a ZIP's central directory read by hand, raw name bytes and all.
export type CentralEntry = { flags: number; rawName: Uint8Array; unicodePath?: string };

/** Reads the central directory by hand, as an unzip tool that knows only the raw header would. */
export function centralDirectory(bytes: Uint8Array): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end -= 1;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const rawName = bytes.slice(at + 46, at + 46 + nameLength);
    let extra = at + 46 + nameLength;
    let unicodePath: string | undefined;
    while (extra < at + 46 + nameLength + extraLength) {
      const id = view.getUint16(extra, true);
      const size = view.getUint16(extra + 2, true);
      // Info-ZIP Unicode Path: version (1 byte), CRC-32 of the raw name (4), UTF-8 name.
      if (id === 0x7075) unicodePath = new TextDecoder().decode(bytes.slice(extra + 9, extra + 4 + size));
      extra += 4 + size;
    }
    entries.push({ flags, rawName, unicodePath });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
