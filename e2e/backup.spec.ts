// Guards an office's backup: a copy taken while the server runs restores every report and published file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { openReportStore } from "@/lib/store/report-store";
import { runBackup, runRestore } from "../cli/backup-command";
import { accounts, originHeaders, setUpServer, signIn, storageStatePath } from "./fixtures/accounts";
import { startAppServer } from "./fixtures/app-server";
import { createReport, storedReport } from "./fixtures/reports-api";

test("服务器运行时 npm run backup，恢复到新文件夹：报告、历史和发布的文件都在，逐字节相同", async ({ playwright }) => {
  test.setTimeout(240_000);
  const server = await startAppServer(3121);
  const folder = await mkdtemp(path.join(tmpdir(), "nianbaotong-backup-e2e-"));
  const request = await playwright.request.newContext({ extraHTTPHeaders: originHeaders(server.url) });
  try {
    await setUpServer(request, server.url);
    await signIn(request, server.url, accounts.admin);
    const report = structuredClone(publishedSeedReports()[1]!.report);
    const published = await createReport(
      request,
      { report: { ...report, info: { ...report.info, agencyName: "备份测试县人民政府" } } },
      server.url,
    );
    for (const step of ["submit", "approve", "publish"]) {
      const response = await request.post(`${server.url}/api/reports/${published.id}/${step}`, { data: {} });
      expect(response.status(), `${step}: ${await response.text()}`).toBeLessThan(300);
    }
    const pdf = await (await request.get(`${server.url}/api/reports/${published.id}/published/1?format=pdf`)).body();
    const draft = await createReport(request, { agencyName: "备份测试县人民政府", year: 2026 }, server.url);

    const before = await storedReport(request, published.id, server.url);
    const file = path.join(folder, "年报通备份.gz");
    const said: string[] = [];
    const output = { stdout: (text: string) => said.push(text), stderr: (text: string) => said.push(text) };
    await test.step("服务器运行中备份（由服务器读出一致的副本）", async () => {
      expect(await runBackup([file], output, { dataDir: server.dataDir })).toBe(0);
      expect(said.join("\n")).toContain("已由运行中的服务器");
      // The server keeps answering.
      expect((await request.get(`${server.url}/api/reports/${draft.id}`)).status()).toBe(200);
    });

    await test.step("恢复到新的数据文件夹：全部报告和发布的 PDF 都在", async () => {
      const restoredDir = path.join(folder, "data");
      expect(await runRestore([file], output, { dataDir: restoredDir })).toBe(0);
      expect(said.at(-1)).toContain("报告 2 份");
      const store = await openReportStore({ dataDir: restoredDir });
      try {
        expect((await store.listReports()).map((item) => item.id).sort()).toEqual([published.id, draft.id].sort());
        expect((await store.getReport(published.id))?.report).toEqual(before.report);
        const restoredPdf = await store.getPublishedFile(published.id, 1, "pdf");
        expect(restoredPdf?.bytes.equals(pdf)).toBe(true);
        expect((await store.listPublished(published.id)).map((record) => record.sequence)).toEqual([1]);
      } finally {
        await store.close();
      }
    });

    await test.step("恢复到已有数据的文件夹被拒绝", async () => {
      expect(await runRestore([file], output, { dataDir: path.join(folder, "data") })).toBe(1);
      expect(said.at(-1)).toContain("目标数据库不是空的");
    });
  } finally {
    await request.dispose();
    await server.kill();
    await rm(folder, { recursive: true, force: true });
  }
});

test("管理员在“单位和账号”页下载备份，恢复后报告与服务器上的一致", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await context.newPage();
  const folder = await mkdtemp(path.join(tmpdir(), "nianbaotong-backup-ui-"));
  try {
    await page.goto("/admin");
    const section = page.getByRole("region", { name: "备份" });
    await expect(section).toContainText("npm run restore");
    const link = section.getByRole("link", { name: "下载全部数据的备份" });
    await link.focus();
    const downloading = page.waitForEvent("download");
    await page.keyboard.press("Enter");
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^年报通备份-\d{8}-\d{6}\.gz$/);
    const file = path.join(folder, "backup.gz");
    await download.saveAs(file);
    const listed = (await (await page.request.get("/api/reports")).json()) as { reports: { id: string }[] };
    const said: string[] = [];
    const output = { stdout: (text: string) => said.push(text), stderr: (text: string) => said.push(text) };
    expect(await runRestore([file], output, { dataDir: path.join(folder, "data") }), said.join("\n")).toBe(0);
    const store = await openReportStore({ dataDir: path.join(folder, "data") });
    try {
      const restored = new Set((await store.listReports()).map((item) => item.id));
      for (const { id } of listed.reports) expect(restored.has(id)).toBe(true);
    } finally {
      await store.close();
    }
  } finally {
    await context.close();
    await rm(folder, { recursive: true, force: true });
  }
});
