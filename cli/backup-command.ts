import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { type BackupSummary, backupFileName, isBackupError, restoreBackup, writeBackup } from "@/lib/store/backup";
import { DEFAULT_DATA_DIR, openDatabase } from "@/lib/store/database";
import { readServerFile } from "@/lib/store/server-file";

export type CommandOutput = { stdout: (text: string) => void; stderr: (text: string) => void };
export type StoreTarget = { databaseUrl?: string; dataDir: string };

export const targetFromEnvironment = (): StoreTarget => ({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR || DEFAULT_DATA_DIR,
});

const backupUsage = `用法：npm run backup -- [备份文件]
把全部单位、账号、报告、历史和已发布文件备份到一个文件（默认在当前文件夹，名如 年报通备份-20261207-094336.gz）。
服务器运行时也可备份：内置数据库由运行中的服务器读出一致的副本；设了 DATABASE_URL 时直接从数据库读。`;

const restoreUsage = `用法：npm run restore -- 备份文件
把备份恢复到 DATA_DIR 指定的新数据文件夹（默认 ./data），或 DATABASE_URL 指定的空数据库。
目标里已有数据时不恢复；恢复要么全部完成，要么什么都不改。`;

const summarise = (summary: BackupSummary): string => {
  const count = (table: string) => summary.counts[table] ?? 0;
  return `单位 ${count("units")} 个，账号 ${count("user")} 个，报告 ${count("reports")} 份，历史版本 ${count("report_revisions")} 个，发布记录 ${count("published_records")} 个`;
};

/** Streams a file as it is written; the file appears under its name only when complete. */
async function intoFile(file: string, produce: (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>) {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const opened = new Promise<void>((resolve, reject) => out.once("open", () => resolve()).once("error", reject));
  await opened;
  try {
    await produce(
      (chunk) => new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve()))),
    );
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(partial, file);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/** The server on this data folder, if one is running: it holds the embedded store open. */
function runningServer(dataDir: string) {
  const server = readServerFile(dataDir);
  if (!server) return null;
  try {
    process.kill(server.pid, 0);
    return server;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? server : null;
  }
}

export async function runBackup(args: readonly string[], output: CommandOutput, target = targetFromEnvironment()) {
  if (args.some((arg) => arg === "-h" || arg === "--help") || args.length > 1) {
    output.stderr(backupUsage);
    return args.length > 1 ? 1 : 0;
  }
  const file = path.resolve(args[0] ?? backupFileName(new Date()));
  if (existsSync(file)) {
    output.stderr(`备份文件 ${file} 已存在，未覆盖。请换一个文件名。`);
    return 1;
  }
  if (!target.databaseUrl && !existsSync(path.join(target.dataDir, "PG_VERSION"))) {
    output.stderr(`数据文件夹 ${path.resolve(target.dataDir)} 里没有年报通的数据（可用环境变量 DATA_DIR 指定数据文件夹）`);
    return 1;
  }
  try {
    const server = target.databaseUrl ? null : runningServer(target.dataDir);
    if (server) {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/backup`, {
        headers: { "x-nianbaotong-backup-key": server.backupKey },
      }).catch((error: unknown) => {
        throw new Error(`连不上正在运行的服务器（端口 ${server.port}）：${(error as Error).message}`);
      });
      if (!response.ok || !response.body) {
        const message = ((await response.json().catch(() => ({}))) as { message?: string }).message;
        throw new Error(`服务器没有给出备份（${response.status}${message ? `：${message}` : ""}）`);
      }
      const body = response.body;
      await intoFile(file, async (write) => {
        const reader = body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) await write(read.value);
      });
      output.stdout(`已由运行中的服务器（进程 ${server.pid}）备份到 ${file}`);
      return 0;
    }
    const opened = await openDatabase(target);
    try {
      let summary: BackupSummary | undefined;
      await intoFile(file, async (write) => {
        summary = await writeBackup(opened.db, opened.engine, write);
      });
      output.stdout(`已备份到 ${file}：${summarise(summary!)}`);
      return 0;
    } finally {
      await opened.close();
    }
  } catch (error) {
    output.stderr(`备份失败：${(error as Error).message}`);
    return 1;
  }
}

export async function runRestore(args: readonly string[], output: CommandOutput, target = targetFromEnvironment()) {
  if (args.length !== 1 || args[0] === "-h" || args[0] === "--help") {
    output.stderr(restoreUsage);
    return args.length === 1 ? 0 : 1;
  }
  const file = path.resolve(args[0]!);
  if (!existsSync(file)) {
    output.stderr(`找不到备份文件 ${file}`);
    return 1;
  }
  if (!target.databaseUrl && runningServer(target.dataDir)) {
    output.stderr(`数据文件夹 ${path.resolve(target.dataDir)} 正由运行中的服务器使用。请恢复到一个新的文件夹（设置 DATA_DIR）。`);
    return 1;
  }
  try {
    const opened = await openDatabase(target);
    try {
      const summary = await restoreBackup(opened.db, createReadStream(file));
      output.stdout(`已从 ${file}（${summary.createdAt.slice(0, 19).replace("T", " ")} UTC 备份）恢复：${summarise(summary)}`);
      return 0;
    } finally {
      await opened.close();
    }
  } catch (error) {
    output.stderr(`恢复失败：${isBackupError(error) ? error.message : (error as Error).message}`);
    return 1;
  }
}
