// Guards issue 20 §1: an upload cannot take the server down — a zip bomb is refused before it is
// unpacked, and a file that is slow to read is read off the request thread, other requests answered meanwhile.
import { expect, type Page, test } from "@playwright/test";
import { docxBomb, heavyHtml } from "@/lib/import/test-support/heavy-uploads";
import { answersWhile } from "./fixtures/answers-while";

const upload = (page: Page, name: string, data: Buffer) =>
  page.request.post("/api/import/read", {
    data,
    headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
    timeout: 180_000,
  });

test("上传解压后 300 MB 的 Word 文件（压缩炸弹）：拒绝（413），说明解压后的上限，服务器照常应答", async ({ page }) => {
  const bomb = await docxBomb(300);
  const response = await upload(page, "2024年报告.docx", bomb);
  expect(response.status()).toBe(413);
  const body = (await response.json()) as { message: string; reason: string };
  expect(body.reason).toBe("too_large");
  expect(body.message).toContain("超过解压后 100 MB 的上限");
  expect((await page.request.get("/api/auth/me")).status()).toBe(200);
});

test("读一个很慢的大网页时，服务器在另一线程里读，其他请求照常应答；超过时限后停止并用中文说明", async ({ page }) => {
  test.setTimeout(240_000);
  // Two megabytes of table rows: read in the request thread this stalled every request for half a minute.
  const { statuses, result: refused } = await answersWhile(page.request, upload(page, "大网页.html", heavyHtml(2)));
  // Many answers came while the file was being read, not one after it.
  expect(statuses.length).toBeGreaterThanOrEqual(5);
  expect(statuses.every((status) => status === 200)).toBe(true);
  expect(refused.status()).toBe(422);
  const body = (await refused.json()) as { message: string };
  expect(body.message).toMatch(/已停止，未导入|不是政府信息公开工作年度报告/);
});
