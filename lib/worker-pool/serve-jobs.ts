/**
 * The worker side of worker-pool.ts: each message is one job's input; its output (or what went
 * wrong) is posted back, the output's buffers moved rather than copied.
 */
import { parentPort } from "node:worker_threads";
import type { WorkerReply } from "./worker-pool";

export function serveJobs<Input, Output>(
  handle: (input: Input) => Promise<Output>,
  transferOf: (output: Output) => ArrayBuffer[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error("serveJobs runs in a worker thread");
  port.on("message", (input: Input) => {
    handle(input).then(
      (value) => {
        const reply: WorkerReply<Output> = { ok: true, value };
        port.postMessage(reply, transferOf(value));
      },
      (error: unknown) => {
        const reply: WorkerReply<Output> = { ok: false, message: error instanceof Error ? error.message : String(error) };
        port.postMessage(reply);
      },
    );
  });
}
