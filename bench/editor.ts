// The editor's cost per keystroke, as an office PC feels it: from the key to the frame that shows it.
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "@playwright/test";
import { E2E_SETUP_CODE } from "@/e2e/fixtures/accounts";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { chromiumLaunchOptions } from "@/e2e/fixtures/chromium";
import { applicantColumns, applicationRows, applicationsCellId, getSection, sectionHeading } from "@/lib/format";
import { BENCH_ADMIN, setUpBenchServer, signInCookie } from "./signed-in";

const KEYSTROKES = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3190);

type Sample = { kind: "input" | "commit"; ms: number; totalsShown: boolean };

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/**
 * In the page: from each input event (a digit) and each Enter keydown (the commit) to the first
 * frame painted after it; a commit also checks that its row's 总计 shows the new sum in that frame.
 */
async function installProbe(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap the named helpers in a __name() the page lacks.
  await page.evaluate(`(() => {
    const samples = [];
    window.__samples = samples;
    function afterPaint(callback) {
      requestAnimationFrame(() => {
        // A message posted from the frame callback runs after that frame has been painted.
        const channel = new MessageChannel();
        channel.port1.onmessage = callback;
        channel.port2.postMessage(null);
      });
    }
    function rowTotalShown(target) {
      const rowPrefix = target.id.replace(/[a-z_]+$/, "");
      const rowInputs = [...document.querySelectorAll("input[id]")].filter(
        (input) => input.id.startsWith(rowPrefix) && !input.id.slice(rowPrefix.length).includes("."),
      );
      const total = rowInputs.find((input) => input.id === rowPrefix + "total");
      if (!total) return true;
      const sum = rowInputs.filter((input) => input !== total).reduce((acc, input) => acc + (Number(input.value) || 0), 0);
      return Number(total.value) === sum;
    }
    document.addEventListener("input", (event) => {
      const start = event.timeStamp;
      afterPaint(() => samples.push({ kind: "input", ms: performance.now() - start, totalsShown: true }));
    }, true);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const start = event.timeStamp;
      const target = event.target;
      afterPaint(() => samples.push({ kind: "commit", ms: performance.now() - start, totalsShown: rowTotalShown(target) }));
    }, true);
  })()`);
}

async function typeInto(page: Page, targets: readonly string[], commit: boolean): Promise<Sample[]> {
  await page.evaluate(() => {
    (window as unknown as { __samples: unknown[] }).__samples.length = 0;
  });
  // Each key waits for the frame after the one before, as a person typing at office speed
  // does: a sample is the cost of its own key, not of a queue of keys sent faster than any hand.
  const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  for (let index = 0; index < KEYSTROKES; index += 1) {
    await page.locator(targets[index % targets.length]!).focus();
    await settle();
    await page.keyboard.press(String((index % 9) + 1));
    await settle();
    if (commit) {
      await page.keyboard.press("Enter");
      await settle();
    }
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __samples: Sample[] }).__samples);
}

async function throttled<T>(page: Page, rate: number, run: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  try {
    return await run();
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.detach();
  }
}

type Figures = { p50: number; p95: number; count: number; stale: number };

function figures(samples: readonly Sample[], kind: Sample["kind"]): Figures {
  const chosen = samples.filter((sample) => sample.kind === kind);
  const sorted = chosen.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    count: chosen.length,
    stale: chosen.filter((sample) => !sample.totalsShown).length,
  };
}

const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;

function line(label: string, value: Figures, goal = ""): string {
  const stale = value.stale > 0 ? `；合计未在该帧更新 ${value.stale} 次` : "";
  return `${label.padEnd(30)} p50 ${ms(value.p50)}  p95 ${ms(value.p95)}  （${value.count} 次${stale}）${goal ? `  目标：${goal}` : ""}`;
}

/** A plain input on an otherwise empty page: what the browser alone costs from key to paint. */
async function emptyPageBaseline(browser: Browser): Promise<{ full: Figures; slow: Figures }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.setContent('<!doctype html><meta charset="utf-8"><input id="bench-baseline" aria-label="基线">');
  await installProbe(page);
  const full = figures(await typeInto(page, ["#bench-baseline"], false), "input");
  const slow = figures(await throttled(page, 4, () => typeInto(page, ["#bench-baseline"], false)), "input");
  await page.close();
  return { full, slow };
}

async function main() {
  const server = await startAppServer(PORT);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    await setUpBenchServer(server, E2E_SETUP_CODE);
    const cookie = await signInCookie(server, BENCH_ADMIN.username, BENCH_ADMIN.password);
    const created = await fetch(`${server.url}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: server.url },
      body: JSON.stringify({ agencyName: "基准测试县人民政府", year: 2025 }),
    });
    if (!created.ok) throw new Error(`新建报告：${created.status} ${await created.text()}`);
    const { stored } = (await created.json()) as { stored: { id: string } };

    const empty = await emptyPageBaseline(browser);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: server.url };
      }),
    );
    const page = await context.newPage();
    const scripts: { url: string; body: Buffer }[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script" && response.url().startsWith(server.url)) {
        scripts.push({ url: response.url(), body: await response.body().catch(() => Buffer.alloc(0)) });
      }
    });
    await page.goto(`${server.url}/reports/${stored.id}?step=applications`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { level: 2, name: sectionHeading(getSection("applications")) }).waitFor();
    const firstLoad = [...scripts];
    await installProbe(page);
    await page.evaluate(() => {
      const plain = document.createElement("input");
      plain.id = "bench-baseline";
      plain.setAttribute("aria-label", "基线输入框");
      document.body.prepend(plain);
    });
    const cells = applicationRows
      .filter((row) => !row.sumOf)
      .flatMap((row) =>
        applicantColumns.filter((column) => !column.sumOf).map((column) => applicationsCellId(row.key, column.key)),
      )
      .slice(0, 42)
      .map((cellId) => `[id="cell-${cellId}"]`);

    const samePage = figures(await typeInto(page, ["#bench-baseline"], false), "input");
    const full = await typeInto(page, cells, true);
    const samePageSlow = figures(await throttled(page, 4, () => typeInto(page, ["#bench-baseline"], false)), "input");
    const slow = await throttled(page, 4, () => typeInto(page, cells, true));

    const slowInput = figures(slow, "input");
    const ratio = slowInput.p50 / empty.slow.p50;
    console.log(`年报通 编辑器基准  ${new Date().toISOString()}  （1366×768，每组 ${KEYSTROKES} 次按键）`);
    console.log(line("空白页普通输入框（1×）", empty.full));
    console.log(line("空白页普通输入框（4× 降速）", empty.slow));
    console.log(line("编辑器页普通输入框（1×）", samePage));
    console.log(line("编辑器页普通输入框（4×）", samePageSlow));
    console.log(line("表三按键到画面（1×）", figures(full, "input")));
    console.log(line("表三回车确认到合计更新（1×）", figures(full, "commit")));
    console.log(line("表三按键到画面（4×）", slowInput, "p95 < 50 ms"));
    console.log(`${"表三按键 p50 ÷ 空白页 p50（4×）".padEnd(30)} ${ratio.toFixed(2)}  目标：≤ 1.30`);
    console.log(line("表三回车确认到合计更新（4×）", figures(slow, "commit")));

    const sized = firstLoad
      .map(({ url, body }) => ({ name: new URL(url).pathname.split("/").pop()!, raw: body.length, gzip: gzipSync(body).length }))
      .sort((a, b) => b.gzip - a.gzip);
    const gzipTotal = sized.reduce((total, file) => total + file.gzip, 0);
    const rawTotal = sized.reduce((total, file) => total + file.raw, 0);
    console.log(
      `${"编辑器首屏 JavaScript".padEnd(30)} ${sized.length} 个文件，${(rawTotal / 1024).toFixed(1)} KB，gzip ${(gzipTotal / 1024).toFixed(1)} KB  目标：gzip ≤ 200 KB`,
    );
    for (const file of sized.slice(0, 8)) {
      console.log(`  ${file.name.padEnd(40)} ${(file.gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
    }
    const later = scripts.slice(firstLoad.length);
    if (later.length > 0) {
      const laterGzip = later.reduce((total, { body }) => total + gzipSync(body).length, 0);
      console.log(`  之后按需加载：${later.length} 个文件，gzip ${(laterGzip / 1024).toFixed(1)} KB`);
    }
  } finally {
    await browser.close();
    await server.kill();
  }
}

void main();
