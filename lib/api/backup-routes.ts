import { backupFileName, writeBackup } from "@/lib/store/backup";
import { getReportStore } from "@/lib/store/report-store";
import { contentDisposition } from "./export-routes";
import { route } from "./route";

/** Thrown into the backup writer once the reader has gone: the rest is not read. */
class BackupCancelled extends Error {}

/**
 * GET /api/backup: a consistent backup of the whole store (管理员, or `npm run backup` on this
 * machine with the key from the data folder). Streamed as it is read, so a large office's
 * published files are never all in memory.
 */
export const downloadBackup = route({ access: "admin-or-backup-key" }, async () => {
  const store = await getReportStore();
  let resume: (() => void) | undefined;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      writeBackup(store.db, store.engine, async (chunk) => {
        // A client that stopped reading (closed the page, lost the network) ends the backup.
        if (cancelled) throw new BackupCancelled();
        controller.enqueue(chunk);
        // Wait for the reader when it falls behind.
        if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (resume = resolve));
      }).then(
        () => {
          if (!cancelled) controller.close();
        },
        (error: unknown) => {
          if (error instanceof BackupCancelled) return;
          console.error("备份失败：", error);
          controller.error(error);
        },
      );
    },
    pull() {
      resume?.();
      resume = undefined;
    },
    cancel() {
      cancelled = true;
      resume?.();
      resume = undefined;
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": contentDisposition(backupFileName(new Date()), false),
      "cache-control": "no-store",
    },
  });
});
