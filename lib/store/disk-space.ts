/**
 * A full disk must not take the server down. PostgreSQL treats a write-ahead log it cannot
 * extend as a PANIC (a server restarts and recovers); embedded PGlite instead spins in its
 * WebAssembly, holding the only thread: every request times out, SIGTERM is never handled, and
 * freeing space does not bring it back (measured: the first query after "could not write to file
 * pg_wal/xlogtemp…: No space left on device" never returns). So on PGlite a write is refused
 * (507) while the data folder's disk has less than WRITE_RESERVE_BYTES free, before the engine
 * sees it — reads still answer, and writes resume as soon as space is back. Should the disk fill
 * anyway between the check and the write (another program writing), the engine is never called
 * again and the process can still be stopped. On PostgreSQL the server's own "disk full" error
 * (53100) gives the same 507.
 */
import { statfsSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Room a write may need: PGlite creates its next write-ahead log file (16 MB) when the current one
 * is full, and a save can extend a table; 64 MB covers both with a margin.
 */
export const WRITE_RESERVE_BYTES = 64 * 1024 * 1024;

/** PostgreSQL's SQLSTATE for "disk full". */
const DISK_FULL = "53100";

const megabytes = (bytes: number) => `${Math.max(0, Math.floor(bytes / 1024 / 1024))} MB`;

export class StorageFullError extends Error {
  readonly status = 507;
  /** Recognised by this mark, not by class: each Next.js route bundle has its own copy of this module. */
  readonly isStorageFullError = true;
  constructor(detail: string) {
    super(`服务器磁盘空间不足（${detail}），暂时不能保存；已保存的内容完好，可以照常查看。请管理员清理磁盘后再保存。`);
    this.name = "StorageFullError";
  }
}

/** Our refusal (StorageFullError), however wrapped. */
export function storageFullRefusal(error: unknown): StorageFullError | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    if ((cause as Partial<StorageFullError>).isStorageFullError === true) return cause as StorageFullError;
    cause = cause.cause;
  }
  return null;
}

/** The disk is full: our refusal, or the database server's own error (SQLSTATE 53100), however wrapped. */
export function isStorageFullError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    if ((cause as Partial<StorageFullError>).isStorageFullError === true || (cause as { code?: unknown }).code === DISK_FULL)
      return true;
    cause = cause.cause;
  }
  return false;
}

/** Bytes free for this process on the disk holding `folder`. */
export function freeBytes(folder: string): number {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
}

/** What only reads: a statement starting SELECT or SHOW (drizzle's reads, the store's counts). */
const READ_ONLY = /^\s*(select|show)\b/i;

/**
 * Guards a PGlite client on `folder`: statements that may write (and every transaction) are
 * refused with StorageFullError while less than `reserve` bytes are free; an ENOSPC that reaches
 * the engine anyway stops every later call into it (each refused with StorageFullError), `close`
 * included, since that call would never return.
 */
export function guardAgainstFullDisk(client: PGlite, folder: string, reserve = WRITE_RESERVE_BYTES): void {
  let stuck = false;
  const refuseIfStuck = () => {
    if (stuck) throw new StorageFullError("数据库在写入时遇到磁盘已满，已停止使用；清理磁盘后请重新启动年报通");
  };
  const refuseIfFull = () => {
    const free = freeBytes(folder);
    if (free < reserve) throw new StorageFullError(`数据文件夹所在磁盘只剩 ${megabytes(free)}，至少需要 ${megabytes(reserve)}`);
  };
  const watched = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      // The write-ahead log could not be extended: PostgreSQL would PANIC here, PGlite hangs on its next call.
      if (isStorageFullError(error) && /pg_wal|xlog/i.test(String((error as Error).message))) {
        stuck = true;
        console.error("年报通：磁盘已满，数据库无法写入预写日志，已停止使用数据库：", error);
        refuseIfStuck();
      }
      // The engine's own "could not extend file": refused cleanly, the engine stays usable.
      if (isStorageFullError(error) && !storageFullRefusal(error)) throw new StorageFullError("数据文件夹所在磁盘已满");
      throw error;
    }
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  const close = client.close.bind(client);
  client.query = (async (sql: string, ...rest: Parameters<PGlite["query"]> extends [string, ...infer Rest] ? Rest : never) => {
    refuseIfStuck();
    if (!READ_ONLY.test(sql)) refuseIfFull();
    return watched(() => query(sql, ...rest));
  }) as PGlite["query"];
  client.exec = async (sql, options) => {
    refuseIfStuck();
    if (!READ_ONLY.test(sql)) refuseIfFull();
    return watched(() => exec(sql, options));
  };
  client.transaction = (async (callback: Parameters<PGlite["transaction"]>[0]) => {
    refuseIfStuck();
    refuseIfFull();
    return watched(() => transaction(callback));
  }) as PGlite["transaction"];
  client.close = async () => {
    if (!stuck) await close();
  };
}
