import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

/** Beside the database files, inside the data folder: one process holds it while the store is open. */
const LOCK_NAME = "nianbaotong.lock";
const OWNER_NAME = "nianbaotong.owner.json";
/**
 * The holder refreshes the lock's time every UPDATE_MS; a lock not refreshed for STALE_MS is a
 * crashed holder's. Generous, because PGlite's first start blocks the event loop for many
 * seconds on a slow PC; a holder known dead on this machine is taken over at once anyway.
 */
const STALE_MS = 5 * 60_000;
const UPDATE_MS = 15_000;

type Owner = { pid: number; hostname: string; startedAt: string };

/** A second process on a data folder another one has open: it must stop before touching any file. */
export class DataFolderLockedError extends Error {
  readonly isDataFolderLockedError = true;
  constructor(
    readonly folder: string,
    readonly owner: Owner | null,
  ) {
    const holder = owner
      ? `进程 ${owner.pid}（${owner.hostname}，${new Date(owner.startedAt).toLocaleString("zh-CN")} 启动）`
      : "另一个进程";
    super(
      `数据文件夹 ${folder} 已由${holder}打开使用。同一数据文件夹同一时间只能由一个年报通进程打开，` +
        `否则数据会损坏。请先停止那个进程，或用环境变量 DATA_DIR 指定另一个文件夹。`,
    );
    this.name = "DataFolderLockedError";
  }
}

export function isDataFolderLockedError(error: unknown): error is DataFolderLockedError {
  return error instanceof Error && (error as Partial<DataFolderLockedError>).isDataFolderLockedError === true;
}

function readOwner(folder: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(path.join(folder, OWNER_NAME), "utf8")) as Partial<Owner>;
    return typeof owner.pid === "number" && typeof owner.hostname === "string" && typeof owner.startedAt === "string"
      ? (owner as Owner)
      : null;
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock left by a process of this machine that no longer runs (killed, or the power went). */
function isLeftByDeadProcess(owner: Owner | null): boolean {
  return owner !== null && owner.hostname === os.hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
}

/**
 * Takes the data folder for this process until `release()`. A second process gets a
 * DataFolderLockedError naming the holder; a lock whose holder is gone is taken over.
 */
export async function lockDataFolder(folder: string, onLost: (message: string) => void): Promise<() => Promise<void>> {
  mkdirSync(folder, { recursive: true });
  const options: lockfile.LockOptions = {
    lockfilePath: path.join(folder, LOCK_NAME),
    realpath: false,
    stale: STALE_MS,
    update: UPDATE_MS,
    onCompromised: () => onLost(`数据文件夹 ${folder} 的独占锁已被其他进程取走，为免数据损坏，本进程停止写入`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const owner = readOwner(folder);
    if (!isLeftByDeadProcess(owner)) throw new DataFolderLockedError(folder, owner);
    rmSync(path.join(folder, LOCK_NAME), { recursive: true, force: true });
    try {
      release = await lockfile.lock(folder, options);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === "ELOCKED") throw new DataFolderLockedError(folder, readOwner(folder));
      throw retryError;
    }
  }
  const owner: Owner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  writeFileSync(path.join(folder, OWNER_NAME), JSON.stringify(owner));
  return async () => {
    rmSync(path.join(folder, OWNER_NAME), { force: true });
    await release();
  };
}
