import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { applicantColumns, applicationRows, applicationsCellId, getCell, getSection, sectionHeading } from "@/lib/format";

const KEYSTROKES = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3190);

type Sample = { ms: number; totalsShown: boolean };

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** In the page: from each input event to the first frame after it, checking that the row total shows the new sum. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: { ms: number; totalsShown: boolean }[] = [];
    (window as unknown as { __samples: typeof samples }).__samples = samples;
    document.addEventListener(
      "input",
      (event) => {
        const start = event.timeStamp;
        const target = event.target as HTMLInputElement;
        const rowPrefix = target.id.replace(/[a-z_]+$/, "");
        requestAnimationFrame(() => {
          // A message posted from the frame callback runs after that frame has been painted.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const rowInputs = [...document.querySelectorAll<HTMLInputElement>("input[id]")].filter(
              (input) => input.id.startsWith(rowPrefix) && !input.id.slice(rowPrefix.length).includes("."),
            );
            const total = rowInputs.find((input) => input.id === `${rowPrefix}total`) ?? target;
            const sum = rowInputs.filter((input) => input !== total).reduce((acc, input) => acc + (Number(input.value) || 0), 0);
            samples.push({ ms: performance.now() - start, totalsShown: total === target || Number(total.value) === sum });
          };
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
}

/** A plain input outside React on the same page: what the browser alone costs from input to paint. */
async function addBaselineInput(page: Page): Promise<void> {
  await page.evaluate(() => {
    const plain = document.createElement("input");
    plain.id = "bench-baseline";
    plain.setAttribute("aria-label", "基线输入框");
    document.body.prepend(plain);
  });
}

async function typeKeystrokes(page: Page, cellIds: readonly string[] | "baseline"): Promise<Sample[]> {
  await page.evaluate(() => ((window as unknown as { __samples: unknown[] }).__samples.length = 0));
  for (let index = 0; index < KEYSTROKES; index += 1) {
    const input =
      cellIds === "baseline"
        ? page.locator("#bench-baseline")
        : page.getByLabel(getCell(cellIds[index % cellIds.length]!).name, { exact: true });
    await input.focus();
    await page.keyboard.press(String((index % 9) + 1));
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __samples: Sample[] }).__samples);
}

function describe(label: string, samples: readonly Sample[]): string {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const stale = samples.filter((sample) => !sample.totalsShown).length;
  return `${label.padEnd(28)} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 0.95)
    .toFixed(1)
    .padStart(6)} ms  (${samples.length} 次按键；合计未在该帧更新的 ${stale} 次)`;
}

async function main() {
  const server = await startAppServer(PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const created = await fetch(`${server.url}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ agencyName: "基准测试县人民政府", year: 2025 }),
    });
    const { stored } = (await created.json()) as { stored: { id: string } };
    const page = await browser.newPage();

    const scripts: Buffer[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script" && response.url().startsWith(server.url)) {
        scripts.push(await response.body().catch(() => Buffer.alloc(0)));
      }
    });
    await page.goto(`${server.url}/reports/${stored.id}`, { waitUntil: "networkidle" });
    const rawBytes = scripts.reduce((total, body) => total + body.length, 0);
    const gzipBytes = scripts.reduce((total, body) => total + gzipSync(body).length, 0);

    await page.getByRole("button", { name: sectionHeading(getSection("applications")) }).click();
    await installProbe(page);
    const cellIds = applicationRows
      .filter((row) => !row.sumOf)
      .flatMap((row) =>
        applicantColumns.filter((column) => !column.sumOf).map((column) => applicationsCellId(row.key, column.key)),
      )
      .slice(0, 42);

    await addBaselineInput(page);
    const baseline = await typeKeystrokes(page, "baseline");
    const atFullSpeed = await typeKeystrokes(page, cellIds);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const baselineThrottled = await typeKeystrokes(page, "baseline");
    const throttled = await typeKeystrokes(page, cellIds);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

    console.log(`年报通 编辑器基准  ${new Date().toISOString()}`);
    console.log(describe("表三按键到画面（1× CPU）", atFullSpeed));
    console.log(describe("  对照：同页普通输入框（1×）", baseline));
    console.log(describe("表三按键到画面（4× 降速）", throttled));
    console.log(describe("  对照：同页普通输入框（4×）", baselineThrottled));
    console.log(
      `编辑器首屏 JavaScript：${scripts.length} 个文件，${(rawBytes / 1024).toFixed(1)} KB，gzip 后 ${(gzipBytes / 1024).toFixed(1)} KB`,
    );
  } finally {
    await browser.close();
    await server.kill();
  }
}

void main();
