import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFolderLockedError, lockDataFolder } from "./data-folder-lock";

const holder = path.join(import.meta.dirname, "test-support/hold-data-folder.ts");
const children: ChildProcess[] = [];
const folders: string[] = [];

async function newFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-lock-"));
  folders.push(folder);
  return folder;
}

/** Another process holding the folder, as a second `npm start` would find the first. */
function holdInAnotherProcess(folder: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", holder, folder], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe("lockDataFolder", () => {
  it("refuses a second process, naming the folder and the process that holds it", async () => {
    const folder = await newFolder();
    const child = await holdInAnotherProcess(folder);
    const error = await lockDataFolder(folder, () => undefined).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect((error as Error).message).toContain(`数据文件夹 ${folder} 已由进程 ${child.pid}`);
    expect((error as Error).message).toContain("同一时间只能由一个年报通进程打开");
  }, 30_000);

  it("takes over at once from a process that was killed without releasing it", async () => {
    const folder = await newFolder();
    const child = await holdInAnotherProcess(folder);
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
    expect(existsSync(path.join(folder, "nianbaotong.lock"))).toBe(true);
    const release = await lockDataFolder(folder, () => undefined);
    await release();
    expect(existsSync(path.join(folder, "nianbaotong.lock"))).toBe(false);
  }, 30_000);

  it("can be taken again in the same process after release", async () => {
    const folder = await newFolder();
    const release = await lockDataFolder(folder, () => undefined);
    await release();
    await (await lockDataFolder(folder, () => undefined))();
  });
});
