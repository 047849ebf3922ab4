/**
 * Uploads are read off the request thread (lib/worker-pool, limits in server-jobs.ts): a file a
 * reader chokes on is stopped at the time or heap limit and refused in Chinese, naming the limit.
 */
import { runJob } from "@/lib/worker-pool/server-jobs";
import { WorkerJobStoppedError } from "@/lib/worker-pool/worker-pool";
import type { ImportOptions, ImportOutcome } from "./import-report";

export const tooSlowMessage = (timeoutMs: number) =>
  `读取这份文件超过 ${timeoutMs / 1000} 秒仍未完成，已停止，未导入；文件可能过大或结构异常，请转存为 PDF 或 Word 后再试`;
export const tooMuchMemoryMessage = (maxHeapMb: number) =>
  `读取这份文件所需内存超过 ${maxHeapMb} MB 的上限，已停止，未导入；文件可能过大或结构异常，请转存为 PDF 或 Word 后再试`;

/** A reading stopped at a limit, as the importer's own refusals read. */
export function stoppedReading(error: WorkerJobStoppedError): ImportOutcome {
  if (error.reason === "too_slow") return { ok: false, reason: "too_slow", message: tooSlowMessage(error.limits.timeoutMs) };
  if (error.reason === "too_much_memory")
    return { ok: false, reason: "too_complex", message: tooMuchMemoryMessage(error.limits.maxHeapMb) };
  return {
    ok: false,
    reason: "failed",
    message: `读取这份文件时出错（${error.message.slice(0, 200)}），未能导入；请把文件转存为 PDF 或 Word 后再试`,
  };
}

/**
 * An upload read as a report: in the built server, in a worker; rejects with
 * WorkerPoolBusyError when too many files wait.
 */
export async function readUpload(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  // A copy of its own (a Buffer's slice would share memory), moved to the worker, not copied again.
  const own = new Uint8Array(bytes);
  try {
    return await runJob("import", { bytes: own, fileName, options }, [own.buffer]);
  } catch (error) {
    if (error instanceof WorkerJobStoppedError) return stoppedReading(error);
    throw error;
  }
}
