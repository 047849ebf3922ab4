/**
 * The worker thread an upload is read in (see import-pool.ts): one file, its outcome posted
 * back, then the thread ends and its memory with it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type ImportOptions, importPublishedReport } from "./import-report";

const { bytes, fileName, options } = workerData as { bytes: Uint8Array; fileName: string; options: ImportOptions };
void importPublishedReport(bytes, fileName, options).then((outcome) => parentPort?.postMessage(outcome));
