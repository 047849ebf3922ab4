/**
 * The worker thread an upload is read in (see lib/worker-pool): one file, its outcome posted
 * back, then the thread ends and its memory with it.
 */
import { serveJobs } from "@/lib/worker-pool/serve-jobs";
import { importPublishedReport } from "./import-report";

serveJobs(
  ({ bytes, fileName, options }: { bytes: Uint8Array; fileName: string; options: Parameters<typeof importPublishedReport>[2] }) =>
    importPublishedReport(bytes, fileName, options),
);
