// Guards "what is typed stays exactly as typed" on a slow PC (issue 18): the server's page shows, and its
// inputs take typing, seconds before its script has hydrated it; that typing is kept, never reset.
import { expect, type Page, test } from "@playwright/test";
import { applicationsCellId } from "@/lib/format";
import { cellInput, expectSaved } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

/**
 * Holds the page's scripts back until released, as an old office PC's slow start does: meanwhile
 * only the server's HTML is there. Returns the release.
 */
async function holdScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_next\/static\/.+\.js(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Opens a page without waiting for its scripts (they are held). */
const openHeld = (page: Page, url: string) => page.goto(url, { waitUntil: "commit" });

test("页面脚本尚未就绪时在基本信息中输入：就绪后输入的内容保留、自动保存，重新打开仍在", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "早输入测试县人民政府", year: 2025 });
  const release = await holdScripts(page);
  await openHeld(page, `/reports/${id}`);
  // The server's HTML shows the stored content from the start.
  await expect(page.getByLabel("机关全称")).toHaveValue("早输入测试县人民政府");
  await page.getByLabel("机关全称").fill("早输入测试县财政局");
  await page.getByLabel("编制机构").fill("县政务公开办");
  await page.getByLabel("年度").fill("");
  release();

  await expect
    .poll(async () => (await storedReport(request, id)).report.info, { timeout: 20_000 })
    .toMatchObject({ agencyName: "早输入测试县财政局", compilingOffice: { name: "县政务公开办" }, year: null });
  await expect(page.getByLabel("机关全称")).toHaveValue("早输入测试县财政局");
  await expect(page.getByLabel("年度")).toHaveValue("");

  await page.reload();
  await expect(page.getByLabel("机关全称")).toHaveValue("早输入测试县财政局");
  await expect(page.getByLabel("编制机构")).toHaveValue("县政务公开办");
});

test("页面脚本尚未就绪时在表三中输入：离开的格就绪后存入，仍在输入的格回车后存入", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "早输入表格测试县人民政府", year: 2025 });
  const left = applicationsCellId("new", "natural_person");
  const typing = applicationsCellId("new", "commercial_enterprise");
  const release = await holdScripts(page);
  await openHeld(page, `/reports/${id}?step=applications`);
  await cellInput(page, left).fill("7");
  await cellInput(page, typing).fill("5");
  release();

  await expect.poll(async () => (await storedReport(request, id)).report.ledger[left], { timeout: 20_000 }).toBe(7);
  // The cell still being typed in is a draft, as if typed now: Enter stores it.
  await expect(cellInput(page, typing)).toBeFocused();
  await expect(cellInput(page, typing)).toHaveValue("5");
  await cellInput(page, typing).press("Enter");
  await expectSaved(page);
  const { ledger } = (await storedReport(request, id)).report;
  expect([ledger[left], ledger[typing]]).toEqual([7, 5]);
});

test("首页脚本尚未就绪时填写新建报告：新建按钮待就绪后才可用，按所填的机关和年度新建", async ({ page }) => {
  const agencyName = `早输入新建测试县${Date.now()}`;
  const release = await holdScripts(page);
  await openHeld(page, "/");
  await page.getByLabel("机关全称").fill(agencyName);
  await page.getByLabel("年度").fill("2024");
  // A click now would submit the form natively and reload the page, dropping what was typed.
  await expect(page.getByRole("button", { name: "新建报告" })).toBeDisabled();
  release();

  await page.getByRole("button", { name: "新建报告" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${agencyName}2024年`);
  const list = (await (await page.request.get("/api/reports")).json()) as { reports: { agencyName: string; year: number }[] };
  expect(list.reports.filter((report) => report.agencyName === agencyName).map((report) => report.year)).toEqual([2024]);
  // Removed again: the only live 2024 report of the unit would be every later 2025 report's previous year
  // (a renamed unit keeps its chain), and other tests' cross-year figures would be checked against it.
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  expect((await page.request.delete(`/api/reports/${id}`)).ok()).toBe(true);
});
