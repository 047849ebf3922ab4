/**
 * Issue 20 §1: while a heavy upload is read, do other requests keep answering? Uploads a zip bomb
 * and a huge web page to the built server (npm run build first) and meanwhile times GET
 * /api/auth/me every 100 ms and samples the server's RSS. Prints medians and p95s; asserts nothing.
 *   npx tsx bench/upload-stall.ts
 */
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { docxBomb, heavyHtml } from "@/lib/import/test-support/heavy-uploads";
import { BENCH_ADMIN, setUpBenchServer, signInCookie } from "./signed-in";
import { rssMb, whileWorking } from "./stall";

async function main(): Promise<void> {
  const server = await startAppServer(3196);
  try {
    await setUpBenchServer(server, E2E_SETUP_CODE);
    const cookie = await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password);
    const files: [string, string, Buffer][] = [
      ["压缩炸弹（声明并解压到 300 MB）", "bomb.docx", await docxBomb(300)],
      ["头部谎报大小的压缩炸弹（300 MB）", "liar.docx", await docxBomb(300, 4096)],
      ["10 MB 表格网页", "huge.html", heavyHtml(10)],
      ["2 MB 表格网页", "big.html", heavyHtml(2)],
    ];
    console.log(`空闲时服务器 RSS ${rssMb(server.pid()!)} MB`);
    for (const [label, name, bytes] of files) {
      const upload = fetch(`${server.url}/api/import/read`, {
        method: "POST",
        headers: { cookie, "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
        body: new Uint8Array(bytes),
      }).then(async (response) => ({
        status: response.status,
        message: ((await response.json()) as { message?: string }).message ?? "",
      }));
      const { result, seconds, seen } = await whileWorking(server, cookie, upload);
      console.log(
        `${label}（${(bytes.length / 1024 / 1024).toFixed(2)} MB）：${result.status}，${seconds} s，「${result.message.slice(0, 40)}」；${seen}`,
      );
    }
  } finally {
    await server.kill();
  }
}

void main();
