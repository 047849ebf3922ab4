/**
 * Uploads are read off the request thread: a file a reader chokes on (a 10 MB web page, a
 * 2,000-page PDF) would otherwise stall every other request for as long as it reads. Each file
 * is read in a fresh worker thread with a heap limit and a time limit; a few files wait their
 * turn, more are turned away to try again shortly.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type ImportOptions, type ImportOutcome, importPublishedReport } from "./import-report";

export type ImportPoolOptions = {
  /** The built worker (import-worker.ts bundled); its outcome is posted back once. */
  workerFile: string;
  /** Files read at once. */
  concurrency: number;
  /** Files waiting beyond those; one more is refused (ImportBusyError). */
  maxQueue: number;
  /** Reading time a file may take, counted from when its reading starts. */
  timeoutMs: number;
  /** The worker's heap (old generation) limit. */
  maxHeapMb: number;
};

/** Too many files already waiting: the server answers 503, try again shortly. */
export class ImportBusyError extends Error {
  constructor() {
    super("服务器正在读取其他上传的文件，请稍候几秒再试");
    this.name = "ImportBusyError";
  }
}

export const tooSlowMessage = (timeoutMs: number) =>
  `读取这份文件超过 ${timeoutMs / 1000} 秒仍未完成，已停止，未导入；文件可能过大或结构异常，请转存为 PDF 或 Word 后再试`;
export const tooMuchMemoryMessage = (maxHeapMb: number) =>
  `读取这份文件所需内存超过 ${maxHeapMb} MB 的上限，已停止，未导入；文件可能过大或结构异常，请转存为 PDF 或 Word 后再试`;

type Job = {
  bytes: Uint8Array;
  fileName: string;
  options: ImportOptions;
  resolve: (outcome: ImportOutcome) => void;
};

export class ImportPool {
  private running = 0;
  private readonly waiting: Job[] = [];

  constructor(readonly options: ImportPoolOptions) {}

  /** The file read in a worker; rejects with ImportBusyError when the queue is full. */
  read(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    return new Promise((resolve, reject) => {
      const job = { bytes, fileName, options, resolve };
      if (this.running < this.options.concurrency) this.start(job);
      else if (this.waiting.length < this.options.maxQueue) this.waiting.push(job);
      else reject(new ImportBusyError());
    });
  }

  private start(job: Job): void {
    this.running += 1;
    // A copy of its own (a Buffer's slice would share memory), moved to the worker, not copied again.
    const bytes = new Uint8Array(job.bytes);
    const worker = new Worker(this.options.workerFile, {
      workerData: { bytes, fileName: job.fileName, options: job.options },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (outcome: ImportOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      this.running -= 1;
      job.resolve(outcome);
      const next = this.waiting.shift();
      if (next) this.start(next);
    };
    const timer = setTimeout(() => finish(refusal("too_slow", tooSlowMessage(this.options.timeoutMs))), this.options.timeoutMs);
    worker.once("message", (outcome: ImportOutcome) => finish(outcome));
    worker.once("error", (error: Error & { code?: string }) => {
      finish(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? refusal("too_complex", tooMuchMemoryMessage(this.options.maxHeapMb))
          : refusal(
              "failed",
              `读取这份文件时出错（${error.message.slice(0, 200)}），未能导入；请把文件转存为 PDF 或 Word 后再试`,
            ),
      );
    });
    worker.once("exit", () => finish(refusal("failed", "读取这份文件的线程意外结束，未能导入；请再试一次")));
  }
}

const refusal = (reason: "too_slow" | "too_complex" | "failed", message: string): ImportOutcome => ({
  ok: false,
  reason,
  message,
});

/** Where `npm run build` puts the bundled worker (package.json build:server). */
export const BUILT_WORKER_FILE = path.join(".next", "import-worker.cjs");

let serverPool: ImportPool | null | undefined;

/**
 * An upload read as a report: in the built server, off the request thread; where no worker is
 * built (next dev, unit tests), in this thread.
 */
export function readUpload(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  if (serverPool === undefined) {
    const workerFile = path.resolve(BUILT_WORKER_FILE);
    // 320 MB of worker heap keeps the whole server under 700 MB (it idles at about 300 MB); a real
    // report reads in far less. One file at a time: the other core stays with the requests.
    serverPool =
      process.env.NODE_ENV === "production" && existsSync(workerFile)
        ? new ImportPool({ workerFile, concurrency: 1, maxQueue: 8, timeoutMs: 30_000, maxHeapMb: 320 })
        : null;
  }
  return serverPool ? serverPool.read(bytes, fileName, options) : importPublishedReport(bytes, fileName, options);
}
