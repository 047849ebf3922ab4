// Guards the narrative editor: linked figures follow the tables into the exports, contradictions are fixed in place, paste and Chinese input keep the text as typed.
import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import JSZip from "jszip";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, getCell } from "@/lib/format";
import { getLinkedFigure } from "@/lib/format/linked-figures";
import { deriveLedger, figureValue } from "@/lib/ledger/derive-ledger";
import { pageText, readPdf } from "@/lib/render/pdf/test-support/read-pdf";
import { xmlText } from "@/lib/render/test-support/table-matrix";
import type { TReport } from "@/lib/report/report-schema";
import { cellInput, expectSaved, openStep, stepButton } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

// Seed 001 as published, its totals left to the tables (as typed in the editor) so they follow a changed cell.
const published001 = publishedSeedReports()[1]!.report;
const seed001: TReport = {
  ...published001,
  ledger: Object.fromEntries(Object.entries(published001.ledger).filter(([cellId]) => getCell(cellId).computedFrom === null)),
};
const effective001 = deriveLedger(seed001.ledger).effective;
/** Seed 001's figure as its table shows it (a cell, or a sum such as 收到申请总数). */
const figure001 = (rowKey: string, columnKey = "total") =>
  figureValue(getLinkedFigure(applicationsCellId(rowKey, columnKey)), effective001) as number;

/** Seed 001 with its 依申请公开 topic's text replaced (and 五 written, so it exports as official). */
function seedWithTopicText(agencyName: string, body: string): TReport {
  const report = structuredClone(seed001);
  report.info.agencyName = agencyName;
  report.narrative.overview.topics[1] = { title: "依申请公开", body, carriedFromLastYear: false };
  report.narrative.problems = { body: "一是公开内容更新不够及时；二是政策解读形式单一。", carriedFromLastYear: false };
  return report;
}

/** A narrative field's editor: a multi-line textbox, or a combobox while its 〔 list shows. */
const editorOf = (page: Page, label: string): Locator =>
  page.getByRole("textbox", { name: label, exact: true }).or(page.getByRole("combobox", { name: label, exact: true }));
const fieldOf = (page: Page, label: string): Locator => page.locator(".narrative-field").filter({ has: editorOf(page, label) });
const inlinePicker = (page: Page): Locator => page.locator(".figure-picker-inline");

/** The editor has loaded (the field is read-only for the moment it takes on first use). */
async function ready(editor: Locator): Promise<void> {
  await expect(editor).toHaveAttribute("contenteditable", "true");
}

async function download(page: Page, buttonName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return readFile((await file.path())!);
}

test("插入关联数字：键入“〔”和“插入数字”按钮都能插入；表格改了句子随之改变，导出的 Word 和 PDF 中是新数字", async ({
  page,
  request,
}) => {
  // Typesetting the official PDF takes a while on a busy machine.
  test.setTimeout(120_000);
  const { id } = await createReport(request, { report: seedWithTopicText("关联数字测试县人民政府", "") });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/reports/${id}?step=overview`);
  const editor = editorOf(page, "依申请公开正文");
  await ready(editor);
  await editor.click();

  await test.step("键入“〔”打开列表，接着键入的字用来查找，回车插入", async () => {
    await page.keyboard.type("本年度共收到政府信息公开申请");
    await page.keyboard.type("〔");
    await expect(inlinePicker(page)).toBeVisible();
    await expect(inlinePicker(page).getByRole("option", { selected: true })).toContainText("收到申请总数");
    await page.keyboard.type("办结");
    await expect(inlinePicker(page).getByRole("option", { selected: true })).toContainText("办结");
    // Backspace over the search, then a different one; ↓ moves within the list.
    for (let index = 0; index < 2; index += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type("收到");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect(inlinePicker(page)).toHaveCount(0);
    await expect(editor.locator(".figure-chip")).toHaveText([String(figure001("received"))]);
    await expect(editor).toHaveText(`本年度共收到政府信息公开申请${figure001("received")}`);
  });

  await test.step("Esc 关闭列表，保留已键入的“〔”（写文号时用）", async () => {
    await page.keyboard.type("件〔");
    await expect(inlinePicker(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(inlinePicker(page)).toHaveCount(0);
    await expect(editor).toContainText("件〔");
    await page.keyboard.press("Backspace");
    await expect(editor).toHaveText(`本年度共收到政府信息公开申请${figure001("received")}件`);
  });

  await test.step("“插入数字”：按名称查找，方向键和回车插入到光标处", async () => {
    await page.keyboard.type("，办结");
    await fieldOf(page, "依申请公开正文").getByRole("button", { name: "插入数字" }).click();
    const search = page.getByRole("combobox", { name: "查找表格数字" });
    await expect(search).toBeFocused();
    // The named figures come first.
    await expect(page.getByRole("listbox", { name: "表格数字" }).getByRole("option").first()).toContainText("收到申请总数");
    await search.fill("办结");
    await expect(page.getByRole("option", { selected: true })).toContainText(String(figure001("results_total")));
    await search.press("Enter");
    await expect(editor).toBeFocused();
    await page.keyboard.type("件。");
    await expect(editor).toHaveText(
      `本年度共收到政府信息公开申请${figure001("received")}件，办结${figure001("results_total")}件。`,
    );
  });

  await test.step("存为引用，一段一行", async () => {
    await expectSaved(page);
    expect((await storedReport(request, id)).report.narrative.overview.topics[1]!.body).toBe(
      "本年度共收到政府信息公开申请{{fig:s3.received.total}}件，办结{{fig:s3.results_total.total}}件。",
    );
  });

  await test.step("关联数字像一个字一样删除", async () => {
    await page.keyboard.press("End");
    for (let index = 0; index < 3; index += 1) await page.keyboard.press("Backspace");
    await expect(editor.locator(".figure-chip")).toHaveCount(1);
    await expect(editor).toHaveText(`本年度共收到政府信息公开申请${figure001("received")}件，办结`);
    await page.keyboard.press("Control+z");
    await expect(editor.locator(".figure-chip")).toHaveCount(2);
  });

  await test.step("改表三（新收和予以公开各加 10，勾稽仍平）：句子随之改变；撤销单元格修改，数字即时跟回", async () => {
    await openStep(page, "applications");
    // By keyboard: the first cell's balance error shows a tip over the table until the second is typed.
    for (const rowKey of ["new", "granted"]) {
      const input = cellInput(page, applicationsCellId(rowKey, "natural_person"));
      await input.focus();
      await input.press("Control+a");
      await input.pressSequentially(String(figure001(rowKey, "natural_person") + 10));
      await input.press("Enter");
    }
    await expect(cellInput(page, applicationsCellId("results_total", "natural_person"))).toHaveValue(
      String(figure001("results_total", "natural_person") + 10),
    );
    await openStep(page, "overview");
    await ready(editor);
    await expect(editor).toHaveText(
      `本年度共收到政府信息公开申请${figure001("received") + 10}件，办结${figure001("results_total") + 10}件。`,
    );
    // The report's Ctrl+Z (outside the text) undoes the last cell: the chips follow while in view.
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("Control+z");
    await expect(editor.locator(".figure-chip")).toHaveText([
      String(figure001("received") + 10),
      String(figure001("results_total")),
    ]);
    await page.keyboard.press("Control+Shift+z");
    await expect(editor.locator(".figure-chip")).toHaveText([
      String(figure001("received") + 10),
      String(figure001("results_total") + 10),
    ]);
  });

  await test.step("正式导出的 Word 和 PDF 中是新数字", async () => {
    await expectSaved(page);
    await page.getByRole("navigation", { name: "报告步骤" }).getByRole("button", { name: "预览与导出" }).click();
    await expect(page.getByText("校验通过，可以导出正式版本。")).toBeVisible();
    const sentence = `本年度共收到政府信息公开申请${figure001("received") + 10}件，办结${figure001("results_total") + 10}件。`;
    const docx = await download(page, "导出Word（DOCX）");
    const documentXml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    expect(xmlText(documentXml)).toContain(sentence);
    expect(documentXml).not.toContain("{{fig:");
    const pdf = await download(page, "导出PDF");
    const pdfText = (await readPdf(new Uint8Array(pdf))).map(pageText).join("");
    expect(pdfText).toContain(sentence);
  });
});

test("文字与表格矛盾：警告在该段下方并标出数字，“改为关联数字”一步替换，Ctrl+Z 撤销", async ({ page, request }) => {
  const typed = figure001("new") + 23;
  const text = `本年度共收到政府信息公开申请${typed}件，办结${figure001("results_total")}件。`;
  const { id } = await createReport(request, { report: seedWithTopicText("矛盾测试县人民政府", text) });
  await page.goto(`/reports/${id}?step=overview`);
  const editor = editorOf(page, "依申请公开正文");
  await ready(editor);
  const field = fieldOf(page, "依申请公开正文");
  const finding = field.locator(".field-findings li").filter({ hasText: `与表三的 ${figure001("new")} 件不一致` });
  await expect(finding).toBeVisible();
  await expect(editor.locator(".finding")).toHaveText(String(typed));
  await expect(stepButton(page, "overview").getByLabel(/个警告/)).toBeVisible();

  await finding.getByRole("button", { name: "改为关联数字", exact: true }).click();
  await expect(editor.locator(".figure-chip")).toHaveText([String(figure001("new"))]);
  await expect(editor).toHaveText(`本年度共收到政府信息公开申请${figure001("new")}件，办结${figure001("results_total")}件。`);
  await expect(finding).toHaveCount(0);
  await expect(editor.locator(".finding")).toHaveCount(0);
  await expectSaved(page);
  expect((await storedReport(request, id)).report.narrative.overview.topics[1]!.body).toBe(
    `本年度共收到政府信息公开申请{{fig:s3.new.total}}件，办结${figure001("results_total")}件。`,
  );

  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(editor).toHaveText(text);
  await expect(editor.locator(".figure-chip")).toHaveCount(0);
  await expect(finding).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(editor.locator(".figure-chip")).toHaveCount(1);
});

test("从 Word 和网页粘贴：保留分段（含 <br>），去掉字体、颜色、加粗和空段", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "粘贴测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=problems`);
  const editor = editorOf(page, "正文");
  await ready(editor);
  await editor.click();
  const wordHtml = [
    `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">`,
    `<style>p.MsoNormal{font-family:仿宋_GB2312;font-size:16pt}</style></head><body lang=ZH-CN><!--StartFragment-->`,
    `<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312;color:red'>　　一是政府信息\r\n公开<b>工作机制</b>有待</span><span\r\nlang=EN-US style='font-size:16.0pt'>进一步健全。</span></p>`,
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p>`,
    `<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>二是政策解读<br>形式较为单一。<o:p></o:p></span></p>`,
    `<!--EndFragment--></body></html>`,
  ].join("");
  await editor.evaluate((element, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "一是政府信息公开工作机制有待进一步健全。\r\n\r\n二是政策解读\r\n形式较为单一。");
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, wordHtml);
  await expect(editor.locator("p")).toHaveText(["一是政府信息公开工作机制有待进一步健全。", "二是政策解读", "形式较为单一。"]);
  await expect(editor.locator("[style], b, strong, span:not(.figure-chip), font")).toHaveCount(0);

  await page.keyboard.press("Enter");
  await editor.evaluate((element) => {
    const data = new DataTransfer();
    data.setData(
      "text/html",
      `<div style="color:#333"><h2>三是</h2><ul><li><em>政务新媒体</em>更新不及时；</li><li>平台功能有待完善。</li></ul></div>`,
    );
    data.setData("text/plain", "三是\n政务新媒体更新不及时；\n平台功能有待完善。");
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expectSaved(page);
  expect((await storedReport(request, id)).report.narrative.problems.body).toBe(
    "一是政府信息公开工作机制有待进一步健全。\n二是政策解读\n形式较为单一。\n三是\n政务新媒体更新不及时；\n平台功能有待完善。",
  );
  await expect(editor.locator("em, h2, li, [style]")).toHaveCount(0);
});

test("中文输入法：组字不重复、不丢字，紧挨关联数字也一样；输入法打出的“〔”同样打开列表", async ({ page, request }) => {
  const { id } = await createReport(request, { report: seedWithTopicText("输入法文字测试县人民政府", "") });
  await page.goto(`/reports/${id}?step=overview`);
  const editor = editorOf(page, "依申请公开正文");
  await ready(editor);
  await editor.click();
  const cdp = await page.context().newCDPSession(page);

  await cdp.send("Input.imeSetComposition", { text: "shou", selectionStart: 4, selectionEnd: 4 });
  await expect(editor).toHaveText("shou");
  await cdp.send("Input.imeSetComposition", { text: "收到", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.insertText", { text: "收到" });
  await expect(editor).toHaveText("收到");

  await cdp.send("Input.imeSetComposition", { text: "〔", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.insertText", { text: "〔" });
  await expect(inlinePicker(page)).toBeVisible();
  // The pinyin being composed searches nothing; the characters it becomes do.
  await cdp.send("Input.imeSetComposition", { text: "banjie", selectionStart: 6, selectionEnd: 6 });
  await expect(editor).toHaveText("收到〔banjie");
  await cdp.send("Input.imeSetComposition", { text: "办结", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.insertText", { text: "办结" });
  await expect(inlinePicker(page).getByRole("option", { selected: true })).toContainText("办结");
  await page.keyboard.press("Enter");
  await expect(editor.locator(".figure-chip")).toHaveText([String(figure001("results_total"))]);

  // Composing right after the chip.
  await cdp.send("Input.imeSetComposition", { text: "jian", selectionStart: 4, selectionEnd: 4 });
  await cdp.send("Input.imeSetComposition", { text: "件", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.insertText", { text: "件" });
  await cdp.send("Input.insertText", { text: "，" });
  await expect(editor).toHaveText(`收到${figure001("results_total")}件，`);
  await expectSaved(page);
  expect((await storedReport(request, id)).report.narrative.overview.topics[1]!.body).toBe(
    "收到{{fig:s3.results_total.total}}件，",
  );
});

test("沿用上年内容：导语和小标题正文的标记显示在字段旁，编辑后清除并保存", async ({ page, request }) => {
  const report = seedWithTopicText("沿用测试县人民政府", "去年的依申请公开情况。");
  report.narrative.overview.intro = "去年的导语。";
  report.narrative.overview.introCarriedFromLastYear = true;
  report.narrative.overview.topics[1]!.carriedFromLastYear = true;
  const { id } = await createReport(request, { report });
  await page.goto(`/reports/${id}?step=overview`);
  const intro = editorOf(page, "导语（可不填）");
  await ready(intro);
  await expect(fieldOf(page, "导语（可不填）").getByText("沿用上年内容")).toBeVisible();
  await expect(fieldOf(page, "依申请公开正文").getByText("沿用上年内容")).toBeVisible();
  await expect(fieldOf(page, "导语（可不填）").locator(".field-findings")).toContainText("仍是沿用上年的内容");

  await intro.click();
  await page.keyboard.press("End");
  await page.keyboard.type("今年有新进展。");
  await expect(fieldOf(page, "导语（可不填）").getByText("沿用上年内容")).toHaveCount(0);
  await expect(fieldOf(page, "依申请公开正文").getByText("沿用上年内容")).toBeVisible();
  await expect(fieldOf(page, "导语（可不填）").locator(".field-findings")).toHaveCount(0);
  await expect(fieldOf(page, "导语（可不填）").locator(".char-count")).toHaveText(
    `${[..."去年的导语。今年有新进展。"].length} 字`,
  );
  await expectSaved(page);
  const stored = (await storedReport(request, id)).report.narrative.overview;
  expect(stored.intro).toBe("去年的导语。今年有新进展。");
  expect(stored.introCarriedFromLastYear).toBe(false);
  expect(stored.topics[1]!.carriedFromLastYear).toBe(true);
});

test("空报告不能导出正式版本：预览与导出说明缺什么，正式导出按钮不可用，接口也拒绝", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "空报告测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}`);
  for (const sectionId of ["overview", "problems", "other_matters"] as const) {
    await expect(stepButton(page, sectionId).getByLabel("1 个错误")).toBeVisible();
  }
  await page.getByRole("navigation", { name: "报告步骤" }).getByRole("button", { name: "预览与导出" }).click();
  const refusal = page.getByRole("region", { name: "不能导出正式版本" });
  await expect(refusal).toContainText("不能导出正式版本");
  await expect(refusal).toContainText("表三有 144 个空白单元格");
  await expect(refusal).toContainText("一、总体情况：没有内容");
  await expect(page.getByText("校验通过，可以导出正式版本。")).toHaveCount(0);
  for (const name of ["导出Word（DOCX）", "导出PDF", "导出网页（HTML）"])
    await expect(page.getByRole("button", { name, exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "导出草稿PDF" })).toBeEnabled();
  for (const format of ["pdf", "docx", "html"]) {
    const response = await request.get(`/api/reports/${id}/export?format=${format}`);
    expect(response.status(), format).toBe(422);
  }
});

test("导入的报告用了别的标题：错误显示在“标题”下，确认为本机关批准的标题后消失，也可改用规定标题", async ({ page, request }) => {
  const report = seedWithTopicText("标题测试县人民政府", "本年度依申请公开工作规范有序。");
  report.info.title = "标题测试县人民政府2025年政府信息公开报告";
  const { id } = await createReport(request, { report });
  await page.goto(`/reports/${id}`);
  const titleField = page.getByLabel("报告标题（原文所用）");
  await expect(titleField).toHaveValue("标题测试县人民政府2025年政府信息公开报告");
  await expect(page.locator("#field-info-title-findings")).toContainText(
    "与规定的“标题测试县人民政府2025年政府信息公开工作年度报告”不一致",
  );
  await page.getByLabel("这是本机关批准使用的标题").check();
  await expect(page.locator("#field-info-title-findings")).toHaveCount(0);
  await page.getByRole("button", { name: /^改用规定的标题/ }).click();
  await expect(titleField).toHaveCount(0);
  await expectSaved(page);
  const stored = (await storedReport(request, id)).report.info;
  expect(stored.title).toBeNull();
  expect(stored.titleApproved).toBe(false);
});

test("半角标点和 Markdown 标记：警告在该段下方，“改为全角标点”“删去标记”一步改正（关联数字保留），Ctrl+Z 撤销", async ({
  page,
  request,
}) => {
  const text = `本年度共收到申请{{fig:s3.new.total}}件 , 均按期答复 ; 网址https://www.example.gov.cn/a,b。**重点工作**已完成。`;
  const { id } = await createReport(request, { report: seedWithTopicText("标点测试县人民政府", text) });
  await page.goto(`/reports/${id}?step=overview`);
  const editor = editorOf(page, "依申请公开正文");
  await ready(editor);
  const field = fieldOf(page, "依申请公开正文");
  const halfWidth = field.locator(".field-findings li").filter({ hasText: "是半角标点" });
  const markdown = field.locator(".field-findings li").filter({ hasText: "是 Markdown 标记" });
  await expect(halfWidth).toContainText("等 2 处");
  await expect(markdown).toBeVisible();

  await halfWidth.getByRole("button", { name: "改为全角标点", exact: true }).click();
  await expect(halfWidth).toHaveCount(0);
  await expect(editor.locator(".figure-chip")).toHaveText([String(figure001("new"))]);
  await markdown.getByRole("button", { name: "删去标记", exact: true }).click();
  await expect(markdown).toHaveCount(0);
  await expectSaved(page);
  // The web address keeps its comma; the linked figure stays linked.
  expect((await storedReport(request, id)).report.narrative.overview.topics[1]!.body).toBe(
    "本年度共收到申请{{fig:s3.new.total}}件，均按期答复；网址https://www.example.gov.cn/a,b。重点工作已完成。",
  );

  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(markdown).toBeVisible();
  await expect(editor).toContainText("**重点工作**");
});
