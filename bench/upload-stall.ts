/**
 * Issue 20 §1: while a heavy upload is read, do other requests keep answering? Uploads a zip bomb
 * and a huge web page to the built server (npm run build first) and meanwhile times GET
 * /api/auth/me every 100 ms and samples the server's RSS. Prints medians and p95s; asserts nothing.
 *   npx tsx bench/upload-stall.ts
 */
import { readFileSync } from "node:fs";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { docxBomb, heavyHtml } from "@/lib/import/test-support/heavy-uploads";
import { BENCH_ADMIN, setUpBenchServer, signInCookie } from "./signed-in";

const rssMb = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main(): Promise<void> {
  const server = await startAppServer(3196);
  try {
    await setUpBenchServer(server, E2E_SETUP_CODE);
    const cookie = await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password);
    const pid = server.pid()!;
    const files: [string, string, Buffer][] = [
      ["压缩炸弹（声明并解压到 300 MB）", "bomb.docx", await docxBomb(300)],
      ["头部谎报大小的压缩炸弹（300 MB）", "liar.docx", await docxBomb(300, 4096)],
      ["10 MB 表格网页", "huge.html", heavyHtml(10)],
      ["2 MB 表格网页", "big.html", heavyHtml(2)],
    ];
    console.log(`空闲时服务器 RSS ${rssMb(pid)} MB`);
    for (const [label, name, bytes] of files) {
      let reading = true;
      let peak = rssMb(pid);
      const started = performance.now();
      const upload = fetch(`${server.url}/api/import/read`, {
        method: "POST",
        headers: { cookie, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
        body: new Uint8Array(bytes),
      }).then(async (response) => {
        reading = false;
        return { status: response.status, message: ((await response.json()) as { message?: string }).message ?? "" };
      });
      const latencies: number[] = [];
      while (reading) {
        const sent = performance.now();
        await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
        latencies.push(performance.now() - sent);
        peak = Math.max(peak, rssMb(pid));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { status, message } = await upload;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `${label}（${(bytes.length / 1024 / 1024).toFixed(2)} MB）：${status}，${seconds} s，「${message.slice(0, 40)}」；` +
          `同时 GET /api/auth/me ${latencies.length} 次 中位 ${percentile(latencies, 50).toFixed(0)} ms p95 ${percentile(latencies, 95).toFixed(0)} ms；服务器 RSS 峰值 ${peak} MB`,
      );
    }
  } finally {
    await server.kill();
  }
}

void main();
