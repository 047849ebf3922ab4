/** What other requests see while the server does something heavy (bench/upload-stall.ts, bench/render-stall.ts). */
import { readFileSync } from "node:fs";
import type { AppServer } from "@/e2e/fixtures/app-server";

export const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * Until `work` settles: GET /api/auth/me every 100 ms, timed, and the server's RSS sampled.
 * Its result, the seconds it took, and one Chinese line of what the other requests saw.
 */
export async function whileWorking<Result>(
  server: AppServer,
  cookie: string,
  work: Promise<Result>,
): Promise<{ result: Result; seconds: string; seen: string }> {
  const pid = server.pid()!;
  let working = true;
  let peak = rssMb(pid);
  const started = performance.now();
  const done = work.finally(() => {
    working = false;
  });
  const latencies: number[] = [];
  while (working) {
    const sent = performance.now();
    await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    latencies.push(performance.now() - sent);
    peak = Math.max(peak, rssMb(pid));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const result = await done;
  return {
    result,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
    seen:
      `同时 GET /api/auth/me ${latencies.length} 次 中位 ${percentile(latencies, 50).toFixed(0)} ms ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms 最长 ${Math.max(...latencies).toFixed(0)} ms；服务器 RSS 峰值 ${peak} MB`,
  };
}
