/**
 * A small disk for the disk-full tests: a tmpfs mounted on a fresh folder (root only, as on the
 * dev machines and CI), filled with one file to leave a given number of bytes free.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeBytes } from "../disk-space";

export type SmallDisk = {
  folder: string;
  /** Fills the disk until only `bytes` are left. */
  fillLeaving(bytes: number): void;
  /** Removes the filling: the space is back. */
  free(): void;
  unmount(): void;
};

/** Why a small disk cannot be made here (not root, no mount), or null when it can. */
export function smallDiskUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "需要 root 才能挂载 tmpfs（开发机和 CI 以 root 运行）";
  try {
    const probe = mountSmallDisk(1);
    probe.unmount();
    return null;
  } catch (error) {
    return `无法挂载 tmpfs：${(error as Error).message.split("\n")[0]}`;
  }
}

export function mountSmallDisk(sizeMb: number): SmallDisk {
  const folder = mkdtempSync(path.join(tmpdir(), "nianbaotong-small-disk-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", folder], { stdio: "pipe" });
  const filler = path.join(folder, "filler.bin");
  return {
    folder,
    fillLeaving(bytes) {
      const filled = existsSync(filler) ? statSync(filler).size : 0;
      const wanted = filled + freeBytes(folder) - bytes;
      if (wanted > filled) execFileSync("fallocate", ["-l", String(wanted), filler]);
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync("umount", ["-l", folder], { stdio: "pipe" });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
