// Guards "what is typed stays exactly as typed": Chinese input-method typing at office speeds, on a slow PC too.
import { type CDPSession, expect, type Locator, type Page, test } from "@playwright/test";
import { expectSaved, openStep } from "./fixtures/ledger-page";
import { createReport, storedReport } from "./fixtures/reports-api";

/**
 * Runs per speed and CPU rate. CI keeps one (the suite stays lean); `TYPING_RUNS=50` repeats
 * each combination as often as the acceptance asks.
 */
const RUNS = Math.max(1, Number(process.env.TYPING_RUNS ?? 1));

/** Words as a pinyin input method composes them, each followed at once by its punctuation (if any). */
const WORDS: readonly (readonly [pinyin: string, word: string, punctuation: string])[] = [
  ["yishi", "一是", ""],
  ["gongkai", "公开", ""],
  ["neirong", "内容", ""],
  ["gengxin", "更新", ""],
  ["bugou", "不够", ""],
  ["jishi", "及时", "；"],
  ["ershi", "二是", ""],
  ["zhengce", "政策", ""],
  ["jiedu", "解读", ""],
  ["xingshi", "形式", ""],
  ["danyi", "单一", "。"],
  ["sanshi", "三是", ""],
  ["jiakuai", "加快", ""],
  ["shuzihua", "数字化", ""],
  ["zhuanxing", "转型", "，"],
  ["tisheng", "提升", ""],
  ["xiaolv", "效率", "。"],
];
const TYPED = WORDS.map(([, word, punctuation]) => word + punctuation).join("");

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Types through Chromium's input-method interface, one key every `keyMs`: each pinyin letter
 * updates the composition, the word is committed, and its punctuation comes one key later.
 */
async function typeThroughInputMethod(cdp: CDPSession, keyMs: number): Promise<void> {
  for (const [pinyin, word, punctuation] of WORDS) {
    for (let length = 1; length <= pinyin.length; length += 1) {
      await cdp.send("Input.imeSetComposition", { text: pinyin.slice(0, length), selectionStart: length, selectionEnd: length });
      await pause(keyMs);
    }
    await cdp.send("Input.insertText", { text: word });
    await pause(keyMs);
    if (punctuation) {
      await cdp.send("Input.insertText", { text: punctuation });
      await pause(keyMs);
    }
  }
}

const problemsEditor = (page: Page): Locator => page.getByRole("textbox", { name: "正文", exact: true });

for (const cpuRate of [1, 4]) {
  for (const keyMs of [30, 60, 90]) {
    test(`输入法键入五（每键 ${keyMs} ms，CPU ${cpuRate}×）：保存的文字与键入的一字不差，${RUNS} 次`, async ({
      page,
      request,
    }) => {
      // A generous budget per run: acceptance repeats run on loaded machines too; the text is what is judged.
      test.setTimeout(60_000 + RUNS * 120_000);
      await page.setViewportSize({ width: 1366, height: 768 });
      const cdp = await page.context().newCDPSession(page);
      for (let run = 1; run <= RUNS; run += 1) {
        const { id } = await createReport(request, { agencyName: `输入法键入测试${keyMs}${cpuRate}县人民政府`, year: 2025 });
        await page.goto(`/reports/${id}`);
        await openStep(page, "problems");
        const editor = problemsEditor(page);
        await expect(editor).toHaveAttribute("contenteditable", "true");
        await editor.click();
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuRate });
        try {
          await typeThroughInputMethod(cdp, keyMs);
        } finally {
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
        }
        await expect(editor, `第 ${run} 次`).toHaveText(TYPED);
        await expectSaved(page);
        expect((await storedReport(request, id)).report.narrative.problems.body, `第 ${run} 次`).toBe(TYPED);
        // Long repeats (TYPING_RUNS) print each run, so a stopped run still tells how many held.
        if (RUNS > 1) console.log(`每键 ${keyMs} ms，CPU ${cpuRate}×：第 ${run} 次一致`);
      }
    });
  }
}

test("粘贴从 PDF 或网页复制、在行末断开的文字：同一段的行接成一段，编号的条目另起一段", async ({ page, request }) => {
  const { id } = await createReport(request, { agencyName: "断行粘贴测试县人民政府", year: 2025 });
  await page.goto(`/reports/${id}?step=problems`);
  const editor = problemsEditor(page);
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  await editor.evaluate((element) => {
    const data = new DataTransfer();
    data.setData(
      "text/plain",
      "一是主要通过政府门户网站主动公开政府\r\n文件，及时发布政策解读。\r\n二是加强依申请公开\r\n办理，答复规范。\r\n",
    );
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(editor.locator("p")).toHaveText([
    "一是主要通过政府门户网站主动公开政府文件，及时发布政策解读。",
    "二是加强依申请公开办理，答复规范。",
  ]);
  await expectSaved(page);
  expect((await storedReport(request, id)).report.narrative.problems.body).toBe(
    "一是主要通过政府门户网站主动公开政府文件，及时发布政策解读。\n二是加强依申请公开办理，答复规范。",
  );
});
