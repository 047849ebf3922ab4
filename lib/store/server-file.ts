/**
 * The running server's address and backup key, in its data folder. `npm run backup` on the
 * same machine reads it to ask the running server for a consistent copy: the embedded store
 * is open in the server, so no other process may read its files. Whoever can read the data
 * folder could copy the data anyway, so the key gives nothing more than the folder does.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const SERVER_FILE = "nianbaotong.server.json";

export type ServerFile = { pid: number; port: number; backupKey: string };

const keyHolder = globalThis as { __nianbaotongBackupKey?: string };

/** Written when the server starts on an embedded store; removed when it stops. */
export function writeServerFile(dataDir: string, port: number): void {
  keyHolder.__nianbaotongBackupKey = randomBytes(24).toString("hex");
  const file = path.join(dataDir, SERVER_FILE);
  const content: ServerFile = { pid: process.pid, port, backupKey: keyHolder.__nianbaotongBackupKey };
  writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  process.once("exit", () => rmSync(file, { force: true }));
}

export function readServerFile(dataDir: string): ServerFile | null {
  try {
    const content = JSON.parse(readFileSync(path.join(dataDir, SERVER_FILE), "utf8")) as Partial<ServerFile>;
    if (typeof content.pid !== "number" || typeof content.port !== "number" || typeof content.backupKey !== "string") {
      return null;
    }
    return content as ServerFile;
  } catch {
    return null;
  }
}

/** Whether `key` is this server's backup key (compared in constant time). */
export function isBackupKey(key: string | null): boolean {
  const own = keyHolder.__nianbaotongBackupKey;
  if (!own || !key) return false;
  const given = Buffer.from(key);
  const expected = Buffer.from(own);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
