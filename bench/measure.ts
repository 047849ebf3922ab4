import { performance } from "node:perf_hooks";

export type Timing = { runs: number; medianMs: number; p95Ms: number; meanMs: number };

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** The figures of samples taken elsewhere (under load, or CPU time rather than wall time). */
export function timingOf(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: sorted.length === 0 ? 0 : percentile(sorted, 0.5),
    p95Ms: sorted.length === 0 ? 0 : percentile(sorted, 0.95),
    meanMs: sorted.reduce((total, sample) => total + sample, 0) / Math.max(1, sorted.length),
  };
}

/** Times `work` `runs` times after `warmup` untimed runs. */
export async function measure(work: () => unknown, runs: number, warmup = Math.min(100, runs)): Promise<Timing> {
  for (let index = 0; index < warmup; index += 1) await work();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    runs,
    medianMs: percentile(samples, 0.5),
    p95Ms: percentile(samples, 0.95),
    meanMs: samples.reduce((total, sample) => total + sample, 0) / runs,
  };
}

/** One line per figure, with its goal beside it so that a regression is seen at a glance. */
export function formatTiming(name: string, timing: Timing, extra = "", goal = ""): string {
  const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`);
  const aim = goal ? `  目标：${goal}` : "";
  return `${name.padEnd(36)} median ${ms(timing.medianMs).padStart(10)}  p95 ${ms(timing.p95Ms).padStart(10)}  (${timing.runs} 次)${extra}${aim}`;
}
