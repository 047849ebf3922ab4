/**
 * Heavy work runs off the request thread: reading an upload (a 10 MB web page, a 2,000-page PDF)
 * or setting a report as PDF and Word (1–2 s of CPU each) would otherwise stall every other
 * request for as long as it takes. Each kind of job has its worker thread file and its limits
 * (a heap limit, a time limit, how many run at once and how many may wait); more are turned
 * away to try again shortly. The limits of every kind are data, in server-jobs.ts.
 */
import { Worker } from "node:worker_threads";

export type WorkerLimits = {
  /** Jobs run at once. */
  concurrency: number;
  /** Jobs waiting beyond those; one more is refused (WorkerPoolBusyError). */
  maxQueue: number;
  /** Time a job may take, counted from when it starts (waiting is not counted). */
  timeoutMs: number;
  /** A worker's heap (old generation) limit. */
  maxHeapMb: number;
  /**
   * How long a worker is kept after its job for the next one: 0, a fresh worker per job (its
   * memory goes with it); more for work whose set-up is the costly part (the PDF fonts).
   */
  keepIdleMs: number;
  /** The Chinese answer to a job refused because too many wait (503). */
  busyMessage: string;
};

/** What a worker posts back for each job it is sent (serve-jobs.ts). */
export type WorkerReply<Output> = { ok: true; value: Output } | { ok: false; message: string };

/** Too many jobs already waiting: the server answers 503, try again shortly. */
export class WorkerPoolBusyError extends Error {
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = "WorkerPoolBusyError";
  }
}

/** A job stopped at a limit, or its worker failed; the caller words the answer for its kind of job. */
export class WorkerJobStoppedError extends Error {
  constructor(
    readonly reason: "too_slow" | "too_much_memory" | "failed",
    readonly limits: WorkerLimits,
    detail: string,
  ) {
    super(detail);
    this.name = "WorkerJobStoppedError";
  }
}

type Job<Input, Output> = {
  input: Input;
  transfer: readonly ArrayBuffer[];
  resolve: (output: Output) => void;
  reject: (error: Error) => void;
};

type Slot<Input, Output> = {
  worker: Worker;
  job: Job<Input, Output> | null;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
};

export class WorkerPool<Input, Output> {
  private readonly slots = new Set<Slot<Input, Output>>();
  private readonly waiting: Job<Input, Output>[] = [];

  constructor(
    readonly workerFile: string,
    readonly limits: WorkerLimits,
  ) {}

  /** The job run in a worker; rejects with WorkerPoolBusyError when the queue is full, WorkerJobStoppedError at a limit. */
  run(input: Input, transfer: readonly ArrayBuffer[] = []): Promise<Output> {
    return new Promise((resolve, reject) => {
      const job = { input, transfer, resolve, reject };
      if (this.busyCount() < this.limits.concurrency) this.start(job);
      else if (this.waiting.length < this.limits.maxQueue) this.waiting.push(job);
      else reject(new WorkerPoolBusyError(this.limits.busyMessage));
    });
  }

  private busyCount(): number {
    let busy = 0;
    for (const slot of this.slots) if (slot.job) busy += 1;
    return busy;
  }

  private start(job: Job<Input, Output>): void {
    const slot = [...this.slots].find((candidate) => !candidate.job) ?? this.spawn();
    clearTimeout(slot.idleTimer);
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(
      () => this.end(slot, new WorkerJobStoppedError("too_slow", this.limits, `over ${this.limits.timeoutMs} ms`)),
      this.limits.timeoutMs,
    );
    slot.worker.postMessage(job.input, [...job.transfer]);
  }

  private spawn(): Slot<Input, Output> {
    const worker = new Worker(this.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot<Input, Output> = { worker, job: null };
    this.slots.add(slot);
    worker.on("message", (reply: WorkerReply<Output>) => {
      const { job } = slot;
      if (!job) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new WorkerJobStoppedError("failed", this.limits, reply.message));
    });
    worker.once("error", (error: Error & { code?: string }) =>
      this.end(
        slot,
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new WorkerJobStoppedError("too_much_memory", this.limits, error.message)
          : new WorkerJobStoppedError("failed", this.limits, error.message),
      ),
    );
    worker.once("exit", () => this.end(slot, new WorkerJobStoppedError("failed", this.limits, "worker exited")));
    return slot;
  }

  /** The job is answered: the worker waits for the next one a while, or ends now. */
  private finish(slot: Slot<Input, Output>): void {
    clearTimeout(slot.timer);
    slot.job = null;
    if (this.limits.keepIdleMs > 0 && this.waiting.length === 0) {
      // An idle worker never keeps the process alive.
      slot.worker.unref();
      slot.idleTimer = setTimeout(() => this.retire(slot), this.limits.keepIdleMs);
      slot.idleTimer.unref();
    } else if (this.limits.keepIdleMs === 0) {
      this.retire(slot);
    }
    this.next();
  }

  /** The worker is stopped (a limit, an error, its exit): its job, if any, is refused with `error`. */
  private end(slot: Slot<Input, Output>, error: WorkerJobStoppedError): void {
    if (!this.slots.has(slot)) return;
    const { job } = slot;
    clearTimeout(slot.timer);
    this.retire(slot);
    job?.reject(error);
    this.next();
  }

  private retire(slot: Slot<Input, Output>): void {
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    slot.job = null;
    void slot.worker.terminate();
  }

  private next(): void {
    while (this.waiting.length > 0 && this.busyCount() < this.limits.concurrency) this.start(this.waiting.shift()!);
  }
}
