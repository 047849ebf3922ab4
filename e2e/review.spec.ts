// Guards review that flows: a comment goes where the reviewer points, the filler can jump to it, the record keeps it.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { getCell, reviewsLitigationCellId } from "@/lib/format";
import { type AccountName, storageStatePath, UNIT_A } from "./fixtures/accounts";
import { cellInput } from "./fixtures/ledger-page";
import { createReport } from "./fixtures/reports-api";

const seed001 = publishedSeedReports()[1]!.report;

async function signedInPage(browser: Browser, name: AccountName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(name), viewport: { width: 1366, height: 768 } });
  return context.newPage();
}

test("退回意见：新意见获得焦点，点单元格即附在该格；填报人点意见跳到该格；审核记录列出各条意见；不出现“。。”", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const upheld = reviewsLitigationCellId("review.upheld");
  const corrected = reviewsLitigationCellId("review.corrected");
  const filler = await signedInPage(browser, "fillerA");
  const report = { ...seed001, info: { ...seed001.info, agencyName: `${UNIT_A}（意见测试）` } };
  const { id } = await createReport(filler.request, { report });
  expect((await filler.request.post(`/api/reports/${id}/submit`, { data: {} })).status()).toBe(200);

  const reviewer = await signedInPage(browser, "reviewer");
  await test.step("审核人：退回表单打开即可输入；添加意见后光标在新意见里；再点另一格，意见改附在那一格", async () => {
    await reviewer.goto(`/reports/${id}?step=reviews_litigation`);
    const open = reviewer.getByRole("button", { name: "退回修改…" });
    await expect(open).toHaveAttribute("aria-expanded", "false");
    await open.click();
    await expect(open).toHaveAttribute("aria-expanded", "true");
    await expect(reviewer.getByLabel("退回意见")).toBeFocused();
    await reviewer.keyboard.type("请核对表四。");
    await cellInput(reviewer, upheld).click();
    await reviewer.getByRole("button", { name: /^添加一条意见/ }).click();
    const comment = reviewer.getByLabel("意见", { exact: true });
    await expect(comment).toBeFocused();
    await reviewer.keyboard.type("维持数与决定书不符");
    await expect(reviewer.getByLabel("意见附在")).toHaveValue(`cell:${upheld}`);
    await cellInput(reviewer, corrected).click();
    await expect(reviewer.getByLabel("意见附在")).toHaveValue(`cell:${corrected}`);
    await expect(reviewer.getByLabel("退回意见")).toHaveValue("请核对表四。");
    await reviewer.getByRole("button", { name: "退回", exact: true }).click();
    await expect(reviewer.getByRole("region", { name: "审核" }).locator(".status-pill")).toHaveText("退回修改", {
      timeout: 20_000,
    });
  });

  await test.step("填报人：说明没有重复的句号；点意见跳到所附的单元格", async () => {
    await filler.goto(`/reports/${id}?step=overview`);
    const bar = filler.getByRole("region", { name: "审核" });
    await expect(bar).toContainText("意见：请核对表四。请按意见修改后重新提交。");
    await expect(bar).not.toContainText("。。");
    await bar.getByRole("link", { name: getCell(corrected).name }).click();
    await expect(filler).toHaveURL(/step=reviews_litigation/);
    await expect(cellInput(filler, corrected)).toBeFocused();
  });

  await test.step("审核记录：退回一行列出所附的意见", async () => {
    await filler.goto(`/reports/${id}/history`);
    const record = filler.getByRole("table", { name: "审核记录" });
    await expect(record).toContainText("请核对表四。");
    await expect(record).toContainText(`${getCell(corrected).name}：维持数与决定书不符`);
  });
});
