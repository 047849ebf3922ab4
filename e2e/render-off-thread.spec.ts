// Guards issue 20 §1 for rendering: PDF and Word files are set in a worker thread, so other requests
// keep answering while reports are being set, and more files than the queue holds are refused with 503.
import { expect, type Page, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { answersWhile } from "./fixtures/answers-while";
import { createReport } from "./fixtures/reports-api";

const seed = publishedSeedReports()[1]!.report;

const exportPdf = (page: Page, id: string) =>
  page.request.get(`/api/reports/${id}/export?format=pdf`, { timeout: 240_000 }).then(async (response) => ({
    status: response.status(),
    body: await response.body(),
  }));

test("四份 PDF 在生成时，其他请求照常应答（排版在另一线程里）", async ({ page }) => {
  test.setTimeout(300_000);
  const { id } = await createReport(page.request, {
    report: { ...seed, info: { ...seed.info, agencyName: "排版线程测试县人民政府" } },
  });
  // The first file loads the fonts; what is measured is the steady state of an office publishing.
  expect((await exportPdf(page, id)).status).toBe(200);

  const { statuses, result: files } = await answersWhile(page.request, Promise.all([1, 2, 3, 4].map(() => exportPdf(page, id))));
  // Set in the request thread, the four files held every other request until the last was done.
  expect(statuses.length).toBeGreaterThanOrEqual(5);
  expect(statuses.every((status) => status === 200)).toBe(true);
  for (const file of files) {
    expect(file.status).toBe(200);
    expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }
});

test("同时要的文件超过排队上限：多出的请求得到 503 和“请稍后重试”，其余照常生成", async ({ page }) => {
  test.setTimeout(300_000);
  const { id } = await createReport(page.request, {
    report: { ...seed, info: { ...seed.info, agencyName: "排版排队测试县人民政府" } },
  });
  // One being set and four waiting are taken (lib/worker-pool/server-jobs.ts); eight at once is more.
  const files = await Promise.all(Array.from({ length: 8 }, () => exportPdf(page, id)));
  const refused = files.filter((file) => file.status === 503);
  const made = files.filter((file) => file.status === 200);
  expect(refused.length).toBeGreaterThanOrEqual(1);
  expect(made.length).toBeGreaterThanOrEqual(1);
  expect(refused.length + made.length).toBe(files.length);
  for (const file of refused) expect((JSON.parse(file.body.toString()) as { message: string }).message).toContain("请稍后重试");
  for (const file of made) expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // Refusing them cost nothing: the server answers as before.
  expect((await page.request.get("/api/auth/me")).status()).toBe(200);
});
