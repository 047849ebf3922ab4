import { backupFileName, writeBackup } from "@/lib/store/backup";
import { getReportStore } from "@/lib/store/report-store";
import { isBackupKey } from "@/lib/store/server-file";
import { errorResponse } from "./api-response";
import { contentDisposition } from "./export-routes";
import { requireAdmin, requireContext } from "./request-context";

/**
 * GET /api/backup: a consistent backup of the whole store (管理员, or `npm run backup` on this
 * machine with the key from the data folder). Streamed as it is read, so a large office's
 * published files are never all in memory.
 */
export async function downloadBackup(request: Request): Promise<Response> {
  try {
    if (!isBackupKey(request.headers.get("x-nianbaotong-backup-key"))) requireAdmin(await requireContext(request));
    const store = await getReportStore();
    let resume: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        writeBackup(store.db, store.engine, async (chunk) => {
          controller.enqueue(chunk);
          // Wait for the reader when it falls behind.
          if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (resume = resolve));
        }).then(
          () => controller.close(),
          (error: unknown) => {
            console.error("备份失败：", error);
            controller.error(error);
          },
        );
      },
      pull() {
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
  } catch (error) {
    return errorResponse(error);
  }
}
