// The server's memory on the embedded store, as an office PC with 4–8 GB sees it.
import { existsSync, readFileSync } from "node:fs";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { type AppServer, startAppServer } from "@/e2e/fixtures/app-server";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { BENCH_ADMIN, client, setUpBenchServer, signInCookie } from "./signed-in";

const EXPORTS = Number(process.env.BENCH_EXPORTS ?? 10);

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes("VmRSS") / 1024, peak: kilobytes("VmHWM") / 1024 };
}

async function measureServer(server: AppServer): Promise<{ firstRequest: number; afterExports: number; peak: number }> {
  const pid = server.pid();
  if (pid === undefined) throw new Error("服务器进程不在运行");
  await setUpBenchServer(server, E2E_SETUP_CODE);
  const call = client(server, await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password));
  const created = await call("/api/reports", { method: "POST", json: { report: publishedSeedReports()[1]!.report } });
  // Reopening the folder: the report made the first time is there already.
  const body = (await created.json()) as { stored?: { id: string }; existing?: { id: string } };
  const reportId = body.stored?.id ?? (created.status === 409 ? body.existing?.id : undefined);
  if (!reportId) throw new Error(`新建报告：${created.status} ${JSON.stringify(body)}`);
  const page = await call(`/reports/${reportId}`);
  if (!page.ok) throw new Error(`打开编辑器：${page.status}`);
  const firstRequest = memoryOf(pid).rss;
  for (let index = 0; index < EXPORTS; index += 1) {
    const response = await call(`/api/reports/${reportId}/export?format=pdf`);
    if (!response.ok) throw new Error(`导出 PDF：${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  const after = memoryOf(pid);
  return { firstRequest, afterExports: after.rss, peak: after.peak };
}

const mb = (value: number) => `${value.toFixed(0)} MB`;

/** A fresh data folder, then the same folder reopened: RSS after the first requests and after ten PDF exports. */
export async function benchServerMemory(): Promise<string[]> {
  if (!existsSync(".next/BUILD_ID")) return ["服务器内存：跳过（先运行 npm run build）"];
  const server = await startAppServer(3197);
  const lines: string[] = [];
  try {
    const fresh = await measureServer(server);
    lines.push(
      `服务器内存（PGlite，新数据文件夹）：首个请求后 ${mb(fresh.firstRequest)}，${EXPORTS} 次 PDF 导出后 ${mb(fresh.afterExports)}，峰值 ${mb(fresh.peak)}  目标：峰值 ≤ 400 MB`,
    );
    await server.kill();
    await server.start();
    const reopened = await measureServer(server);
    lines.push(
      `服务器内存（PGlite，再次打开）：首个请求后 ${mb(reopened.firstRequest)}，${EXPORTS} 次 PDF 导出后 ${mb(reopened.afterExports)}，峰值 ${mb(reopened.peak)}  目标：峰值 ≤ 400 MB`,
    );
  } finally {
    await server.kill();
  }
  return lines;
}
