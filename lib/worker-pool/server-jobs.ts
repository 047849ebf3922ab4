/**
 * The kinds of heavy work the server does off the request thread, with their limits as data.
 * `npm run build` bundles each kind's worker (package.json build:server, checked by
 * server-jobs.test.ts); where no bundle is built (next dev, unit tests) the job runs in this
 * thread, through the very function the worker runs.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { ImportOptions, ImportOutcome } from "@/lib/import/import-report";
import type { RenderJob, RenderOutcome } from "@/lib/render/render-job";
import { type WorkerLimits, WorkerPool } from "./worker-pool";

type JobKinds = {
  import: { input: { bytes: Uint8Array; fileName: string; options: ImportOptions }; output: ImportOutcome };
  render: { input: RenderJob; output: RenderOutcome };
};
export type JobKind = keyof JobKinds;
export type JobInput<Kind extends JobKind> = JobKinds[Kind]["input"];
export type JobOutput<Kind extends JobKind> = JobKinds[Kind]["output"];

type JobDefinition<Kind extends JobKind> = {
  /** The worker's source; build:server bundles it to `bundle` under .next/. */
  source: string;
  bundle: string;
  limits: WorkerLimits;
  /** The function the worker runs, for running the job in this thread when no bundle is built. */
  inThread: () => Promise<(input: JobInput<Kind>) => Promise<JobOutput<Kind>>>;
};

export const SERVER_JOBS: { [Kind in JobKind]: JobDefinition<Kind> } = {
  import: {
    source: "lib/import/import-worker.ts",
    bundle: "import-worker.cjs",
    // 320 MB of worker heap keeps the whole server under 700 MB (it idles at about 300 MB); a real
    // report reads in far less. One file at a time: the other core stays with the requests. A
    // fresh worker per file: whatever a strange file made it allocate goes with it.
    limits: {
      concurrency: 1,
      maxQueue: 8,
      timeoutMs: 30_000,
      maxHeapMb: 320,
      keepIdleMs: 0,
      busyMessage: "服务器正在读取其他上传的文件，请稍候几秒再试",
    },
    inThread: async () => {
      const { importPublishedReport } = await import("@/lib/import/import-report");
      return ({ bytes, fileName, options }) => importPublishedReport(bytes, fileName, options);
    },
  },
  render: {
    source: "lib/render/render-worker.ts",
    bundle: "render-worker.cjs",
    // A report sets in 1–2 s once the fonts are loaded, but loading them takes some 3 s more: the
    // worker is kept for the next report for two minutes. One at a time, as for uploads; four
    // waiting is an office publishing together (a batch ZIP renders its drafts one after another).
    limits: {
      concurrency: 1,
      maxQueue: 4,
      timeoutMs: 60_000,
      maxHeapMb: 320,
      keepIdleMs: 120_000,
      busyMessage: "服务器正在生成其他报告的文件，请稍后重试",
    },
    inThread: async () => (await import("@/lib/render/render-job")).renderJob,
  },
};

export const builtWorkerFile = (kind: JobKind) => path.resolve(".next", SERVER_JOBS[kind].bundle);

const pools = new Map<JobKind, WorkerPool<unknown, unknown> | null>();

function poolOf<Kind extends JobKind>(kind: Kind): WorkerPool<JobInput<Kind>, JobOutput<Kind>> | null {
  if (!pools.has(kind)) {
    const workerFile = builtWorkerFile(kind);
    // Only the built server: a bundle left by an earlier build must not stand in for the source under test.
    pools.set(
      kind,
      process.env.NODE_ENV === "production" && existsSync(workerFile)
        ? new WorkerPool(workerFile, SERVER_JOBS[kind].limits)
        : null,
    );
  }
  return pools.get(kind) as WorkerPool<JobInput<Kind>, JobOutput<Kind>> | null;
}

/**
 * A job of this kind: in the built server, in a worker (rejecting with WorkerPoolBusyError or
 * WorkerJobStoppedError at its limits); elsewhere, in this thread.
 */
export async function runJob<Kind extends JobKind>(
  kind: Kind,
  input: JobInput<Kind>,
  transfer: readonly ArrayBuffer[] = [],
): Promise<JobOutput<Kind>> {
  const pool = poolOf(kind);
  if (pool) return pool.run(input, transfer);
  const run = await SERVER_JOBS[kind].inThread();
  return run(input);
}
