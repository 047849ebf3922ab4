/**
 * Issue 20 §1: while PDFs are being set, do other requests keep answering? Asks the built server
 * (npm run build first) for four official PDFs at once, twice (the first time the fonts are
 * loaded), and meanwhile times GET /api/auth/me every 100 ms and samples the server's RSS.
 * Prints medians and p95s; asserts nothing.
 *   npx tsx bench/render-stall.ts
 */
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { BENCH_ADMIN, client, setUpBenchServer, signInCookie } from "./signed-in";
import { rssMb, whileWorking } from "./stall";

const PDFS = 4;

async function main(): Promise<void> {
  const server = await startAppServer(3198);
  try {
    await setUpBenchServer(server, E2E_SETUP_CODE);
    const cookie = await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password);
    const call = client(server, cookie);
    const created = await call("/api/reports", { method: "POST", json: { report: publishedSeedReports()[1]!.report } });
    const { stored } = (await created.json()) as { stored: { id: string } };
    console.log(`空闲时服务器 RSS ${rssMb(server.pid()!)} MB`);
    // What the same requests take with nothing else to do, on this machine now.
    const idle = await whileWorking(server, cookie, new Promise((resolve) => setTimeout(resolve, 3000)));
    console.log(`空闲时：${idle.seen}`);
    for (const round of ["首次（载入字体）", "再次"]) {
      const exports = Promise.all(
        Array.from({ length: PDFS }, async () => {
          const response = await call(`/api/reports/${stored.id}/export?format=pdf`);
          await response.arrayBuffer();
          return response.status;
        }),
      );
      const { result, seconds, seen } = await whileWorking(server, cookie, exports);
      console.log(`${round} ${PDFS} 份 PDF 同时导出：${result.join("/")}，${seconds} s；${seen}`);
    }
    console.log(`结束时服务器 RSS ${rssMb(server.pid()!)} MB`);
  } finally {
    await server.kill();
  }
}

void main();
