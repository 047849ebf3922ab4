// Guards the upload of published reports (issue 11, "In the app"): 请核对 marks, confirming and changing them, refusals, 上年结转 from last year's file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { runTogetherText } from "@/fixtures/import/forms";
import { realFixture, realFixtures } from "@/fixtures/import/real/expected";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { applicantColumns, applicationsCellId, type CellId } from "@/lib/format";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import { cellInput, expectSaved, openStep, typeCell } from "./fixtures/ledger-page";
import { createReport, type StoredReportJson, storedReport } from "./fixtures/reports-api";

const realFile = (name: string) => readFileSync(path.join(process.cwd(), "fixtures", "import", "real", name));
const shanghai = realFixture("shanghai-2019-municipal-office.html");
const shuyang = realFixture("shuyang-county-2025-ocr.md");
const seed001 = publishedSeedReports()[1]!.report;

const cellOf = (page: Page, cellId: CellId): Locator => page.locator("td.ledger-cell", { has: cellInput(page, cellId) });
const results = (page: Page) => page.getByRole("complementary");

async function listedReports(page: Page): Promise<{ id: string; agencyName: string; year: number; kind: string }[]> {
  return (
    (await (await page.request.get("/api/reports")).json()) as {
      reports: { id: string; agencyName: string; year: number; kind: string }[];
    }
  ).reports;
}

/** Deletes a report of this agency and year left by an earlier attempt, so the upload starts clean. */
async function forget(page: Page, agencyName: string, year: number) {
  for (const report of await listedReports(page)) {
    if (report.agencyName === agencyName && report.year === year) await page.request.delete(`/api/reports/${report.id}`);
  }
}

async function uploadOnHome(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/");
  await page.getByLabel("选择已发布的报告文件").setInputFiles(file);
}

const openedId = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

test("上传一份真实的已发布报告（网页）：打开编辑器，待核对的格标为请核对并列入检查结果；逐格确认、撤销、整表确认后库中不再有待核对的格", async ({
  page,
}) => {
  await forget(page, shanghai.agencyName, shanghai.year);
  await uploadOnHome(page, {
    name: "2019年上海市人民政府办公厅政府信息公开工作年度报告.html",
    mimeType: "text/html",
    buffer: realFile(shanghai.file),
  });
  await page.waitForURL(/\/reports\/[^/?]+/);
  const id = openedId(page);

  // The banner names the file, the detected 2019 format and the notes, folded until opened.
  const banner = page.getByTestId("import-review");
  await expect(banner).toContainText("本报告导入自已发布的报告“2019年上海市人民政府办公厅政府信息公开工作年度报告.html”（网页）");
  await expect(banner).toContainText("统计表为 2019 年格式（国办公开办函〔2019〕60号）");
  await expect(banner).toContainText(`${shanghai.unconfirmed.length} 个数字请核对`);
  await expect(banner.getByRole("listitem").first()).toBeHidden();
  await banner.locator("summary").click();
  await expect(banner.getByRole("listitem").filter({ hasText: "格式" }).first()).toBeVisible();
  await banner.locator("summary").click();

  const stored = await storedReport(page.request, id);
  expect(stored.report.importReview!.unconfirmedCellIds).toEqual(shanghai.unconfirmed);
  await expect(results(page).getByRole("button", { name: /导入的数字请核对后确认/ })).toHaveCount(shanghai.unconfirmed.length);

  await openStep(page, "active_disclosure");
  for (const cellId of shanghai.unconfirmed) await expect(cellOf(page, cellId)).toHaveClass(/is-unconfirmed/);
  const [first, second, ...rest] = shanghai.unconfirmed as [CellId, CellId, ...CellId[]];

  // The tooltip gives the importer's reason; Ctrl+Enter confirms the focused cell.
  await cellInput(page, first).click();
  await expect(cellOf(page, first).getByRole("tooltip")).toContainText("请核对");
  await expect(cellOf(page, first).getByRole("tooltip")).toContainText("导入的数字请核对后确认——");
  await cellInput(page, first).press("Control+Enter");
  await expect(cellOf(page, first)).not.toHaveClass(/is-unconfirmed/);
  await expect(cellInput(page, first)).toBeFocused();
  await expect(cellInput(page, first)).toHaveValue(formatCellValue(shanghai.cells[first]));

  // With the mouse: the tooltip's button; Ctrl+Z takes it back as one step.
  await page.getByRole("heading", { level: 2, name: "二、主动公开政府信息情况" }).click();
  await cellInput(page, second).hover();
  await cellOf(page, second).getByRole("button", { name: "确认本格（Ctrl+回车）" }).click();
  await expect(cellOf(page, second)).not.toHaveClass(/is-unconfirmed/);
  await page.getByRole("heading", { level: 2, name: "二、主动公开政府信息情况" }).click();
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("status").filter({ hasText: "已撤销：确认" })).toBeVisible();
  await expect(cellOf(page, second)).toHaveClass(/is-unconfirmed/);

  // The rest of the table at once, after a confirmation.
  await page.getByRole("button", { name: "确认本表全部导入的数字" }).click();
  await page.getByRole("button", { name: `确认全部 ${shanghai.unconfirmed.length - 1} 个` }).click();
  for (const cellId of [second, ...rest]) await expect(cellOf(page, cellId)).not.toHaveClass(/is-unconfirmed/);
  await expect(
    page.getByRole("status").filter({ hasText: `已确认表二全部 ${shanghai.unconfirmed.length - 1} 个导入的数字` }),
  ).toBeVisible();
  await expect(banner).toContainText("导入的数字均已核对");
  await expect(results(page).getByRole("button", { name: /导入的数字请核对后确认/ })).toHaveCount(0);
  await expectSaved(page);

  const confirmed = await storedReport(page.request, id);
  expect(confirmed.report.importReview!.unconfirmedCellIds).toEqual([]);
  for (const cellId of shanghai.unconfirmed) expect(confirmed.report.ledger[cellId]).toBe(shanghai.cells[cellId]);

  // 以此为基础新建 from the imported report works as for one made here: no import review, no marks.
  await page.goto("/");
  await forget(page, shanghai.agencyName, shanghai.year + 1);
  await page.goto("/");
  await page
    .getByRole("row", { name: new RegExp(shanghai.agencyName) })
    .getByRole("button", { name: `以此为基础新建${shanghai.year + 1}年度报告` })
    .click();
  await page.waitForURL((url) => url.pathname !== `/reports/${id}` && url.pathname.startsWith("/reports/"));
  const next = await storedReport(page.request, openedId(page));
  expect(next.report.info.year).toBe(shanghai.year + 1);
  expect(next.report.importReview).toBeNull();
  expect(next.report.ledger[applicationsCellId("carried_over", "natural_person")]).toBe(
    shanghai.cells[applicationsCellId("carried_forward", "natural_person")],
  );
  await expect(page.getByTestId("import-review")).toHaveCount(0);
  await expect(page.locator(".is-unconfirmed")).toHaveCount(0);
});

test("上传连写的页面文字：读错的数字改正后各自不再标记，其余照旧标记；全部改完后库中没有待核对的格", async ({ page }) => {
  await forget(page, seed001.info.agencyName, seed001.info.year!);
  await uploadOnHome(page, {
    name: "湘潭县2025年报（页面文字）.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(runTogetherText(seed001)),
  });
  await page.waitForURL(/\/reports\/[^/?]+/);
  const id = openedId(page);
  const marked = (await storedReport(page.request, id)).report.importReview!.unconfirmedCellIds;
  const inTable = (prefix: string) => marked.filter((cellId) => cellId.startsWith(prefix));
  expect(inTable("s4.").length).toBeGreaterThan(0);
  expect(inTable("s2.").length).toBeGreaterThan(0);

  await openStep(page, "reviews_litigation");
  const [changed, ...others] = inTable("s4.") as [CellId, ...CellId[]];
  await typeCell(page, changed, formatCellValue(seed001.ledger[changed]));
  await expect(cellOf(page, changed)).not.toHaveClass(/is-unconfirmed/);
  for (const cellId of others) await expect(cellOf(page, cellId)).toHaveClass(/is-unconfirmed/);
  for (const cellId of others) await typeCell(page, cellId, formatCellValue(seed001.ledger[cellId]));
  await openStep(page, "active_disclosure");
  for (const cellId of inTable("s2.")) await typeCell(page, cellId, formatCellValue(seed001.ledger[cellId]));
  await expect(page.locator(".is-unconfirmed")).toHaveCount(0);
  await expectSaved(page);

  const stored = await storedReport(page.request, id);
  expect(stored.report.importReview!.unconfirmedCellIds).toEqual([]);
  for (const cellId of marked) expect([cellId, stored.report.ledger[cellId]]).toEqual([cellId, seed001.ledger[cellId]]);

  // The same agency and year again: the existing report or a copy.
  await uploadOnHome(page, {
    name: "湘潭县2025年报（页面文字）.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(runTogetherText(seed001)),
  });
  const alert = page.getByRole("alert").filter({ hasText: "已有一份湘潭县人民政府2025年度报告" });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("link", { name: "打开已有的湘潭县人民政府2025年度报告" })).toHaveAttribute(
    "href",
    `/reports/${id}`,
  );
  await alert.getByRole("button", { name: "把“湘潭县2025年报（页面文字）.txt”导入为副本" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/reports/") && url.pathname !== `/reports/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("副本");
  expect((await storedReport(page.request, openedId(page))).kind).toBe("copy");
});

test("超过 20 MB 的文件和不是年报的文件被拒绝，中文说明原因，不保存任何报告；表单上传（multipart）返回 415", async ({ page }) => {
  await page.goto("/");
  const before = (await listedReports(page)).length;

  // Refused in the browser before sending, and by the server when sent anyway.
  await uploadOnHome(page, { name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(21 * 1024 * 1024) });
  const refusal = page.getByRole("alert").filter({ hasText: "未能导入" });
  await expect(refusal).toHaveText("“扫描件.pdf”未能导入：文件过大（21.0 MB），最大 20 MB");
  const big = await page.request.post("/api/import", {
    headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("扫描件.pdf") },
    data: Buffer.alloc(MAX_IMPORT_BYTES + 1024 * 1024),
  });
  expect(big.status()).toBe(413);
  expect(((await big.json()) as { message: string }).message).toBe("文件过大（21.0 MB），最大 20 MB");

  await uploadOnHome(page, {
    name: "会议通知.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("关于召开年度工作会议的通知\n请各单位于本周五前报送材料。\n"),
  });
  await expect(refusal).toContainText("“会议通知.txt”未能导入：不是政府信息公开工作年度报告");
  await expect(refusal).toContainText("关于召开年度工作会议的通知");

  const multipart = await page.request.post("/api/import", {
    multipart: { file: { name: "年报.html", mimeType: "text/html", buffer: realFile(shanghai.file) } },
  });
  expect(multipart.status()).toBe(415);
  expect(((await multipart.json()) as { message: string }).message).toContain("收到的是“multipart/form-data”");
  const plain = await page.request.post("/api/import", { headers: { "content-type": "text/plain" }, data: "一、总体情况" });
  expect(plain.status()).toBe(415);

  expect((await listedReports(page)).length).toBe(before);
});

test("年度：文件中没有写明年度时拒收并请填写；在“年度”中填写（全角数字也可）后按回车或点按钮即导入，报告的年度为所填年度", async ({
  page,
}) => {
  // A page that prints neither its agency nor its year.
  const xuwen = realFixtures.find((fixture) => fixture.file === "xuwen-county-bureau-page.txt")!;
  const fileName = "徐闻县某局政府信息公开工作年度报告.txt";
  const stem = fileName.replace(/\.txt$/u, "");
  await forget(page, stem, 2021);
  await page.setViewportSize({ width: 1366, height: 768 });
  await uploadOnHome(page, { name: fileName, mimeType: "text/plain", buffer: realFile(xuwen.file) });
  const asked = page.getByRole("alert").filter({ hasText: "没有写明年度" });
  await expect(asked).toContainText(`“${fileName}”中没有写明年度：请在“年份”中填写后导入`);
  // The 年度 of the import card (the new-report form beside it has its own).
  const card = page.getByRole("region", { name: "导入已发布的报告" });
  const year = card.getByRole("textbox", { name: "年份" });
  await expect(year).toBeFocused();
  await expect(asked.getByRole("button", { name: "填写年度后导入" })).toBeDisabled();
  await page.screenshot({ path: "test-artifacts/import/year-asked.png" });

  // A year that is no report year is refused at the field, nothing sent.
  await year.pressSequentially("21");
  await expect(page.getByText("年度“21”不对：请填写 2008—2100 之间的四位年份，如 2025")).toBeVisible();
  await year.fill("");
  // Keyboard: full-width digits as an input method types them, then Enter.
  await year.pressSequentially("２０２１");
  await expect(asked.getByRole("button", { name: `按 2021 年导入“${fileName}”` })).toBeEnabled();
  await page.screenshot({ path: "test-artifacts/import/year-filled.png" });
  await year.press("Enter");
  await page.waitForURL(/\/reports\/[^/?]+/);
  const stored = await storedReport(page.request, openedId(page));
  expect(stored.report.info.year).toBe(2021);
  expect(stored.report.importReview!.notes.map((note) => note.message)).toContain("文件中没有写明年度，按导入时给出的 2021 年");
  for (const [cellId, value] of Object.entries(xuwen.cells))
    expect([cellId, stored.report.ledger[cellId] ?? 0]).toEqual([cellId, value]);

  // With the mouse, as a copy beside the first: the button imports the same file with the year typed.
  await uploadOnHome(page, { name: fileName, mimeType: "text/plain", buffer: realFile(xuwen.file) });
  await page.getByRole("region", { name: "导入已发布的报告" }).getByRole("textbox", { name: "年份" }).fill("2021");
  await page.getByRole("button", { name: `按 2021 年导入“${fileName}”` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "已有一份" })).toBeVisible();
});

test("从上年已发布报告导入：上年结转取自上年文件的结转下年度（一步，可撤销），上年文字可选作沿用上年内容的草稿，上年文件不存为报告", async ({
  page,
}) => {
  const current: StoredReportJson = await createReport(page.request, { agencyName: "沭阳县人民政府", year: shuyang.year + 1 });
  const before = (await listedReports(page)).length;
  await page.goto(`/reports/${current.id}`);
  const card = page.getByRole("region", { name: "从上年已发布报告导入" });
  await expect(card).toBeVisible();
  await card
    .getByLabel("选择上年已发布的报告文件")
    .setInputFiles({ name: "沭阳县2025年报.md", mimeType: "text/markdown", buffer: realFile(shuyang.file) });
  await expect(card.getByRole("status").first()).toContainText(
    "已从“沭阳县2025年报.md”（2025年度）的“四、结转下年度继续办理”填入表三“二、上年结转” 7 格",
  );
  // OCR read 沭 as 沐: said, not silently taken for the same agency.
  await expect(card).toContainText("上年报告的机关名称是“沐阳县人民政府”");

  // Last year's narrative, offered for this year's empty fields only.
  const offers = card.getByRole("group", { name: "沿用上年内容（只填入本年尚空的部分）" });
  await expect(offers.getByRole("checkbox")).not.toHaveCount(0);
  await offers.getByRole("button", { name: "沿用所选内容" }).click();
  await expect(card).toContainText("标为“沿用上年内容”");

  await openStep(page, "applications");
  const expected = applicantColumns.map((column) =>
    formatCellValue(shuyang.cells[applicationsCellId("carried_forward", column.key)]),
  );
  for (const [index, column] of applicantColumns.entries()) {
    await expect(cellInput(page, applicationsCellId("carried_over", column.key))).toHaveValue(expected[index]!);
  }
  await expectSaved(page);
  const stored = await storedReport(page.request, current.id);
  for (const column of applicantColumns) {
    expect(stored.report.ledger[applicationsCellId("carried_over", column.key)]).toBe(
      shuyang.cells[applicationsCellId("carried_forward", column.key)],
    );
  }
  expect(stored.report.importReview).toMatchObject({
    carriedOverOnly: true,
    source: { fileName: "沭阳县2025年报.md" },
    unconfirmedCellIds: [],
  });
  expect(stored.report.narrative.overview.topics.some((topic) => topic.carriedFromLastYear && topic.body !== "")).toBe(true);
  expect((await listedReports(page)).length).toBe(before);

  // Undo: the drafts, then the 上年结转 as one step.
  await page.getByRole("heading", { level: 2 }).first().click();
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("status").filter({ hasText: "已撤销：沿用上年内容" })).toBeVisible();
  await page.keyboard.press("Control+z");
  await expect(
    page.getByRole("status").filter({ hasText: "已撤销：从上年已发布报告“沭阳县2025年报.md”导入上年结转" }),
  ).toBeVisible();
  for (const column of applicantColumns)
    await expect(cellInput(page, applicationsCellId("carried_over", column.key))).toHaveValue("");
  await expectSaved(page);
  const undone = await storedReport(page.request, current.id);
  expect(undone.report.importReview).toBeNull();
  expect(undone.report.narrative.overview.topics.every((topic) => topic.body === "")).toBe(true);
});
