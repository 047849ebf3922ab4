// Guards the Node lines the README promises: the same built server runs on Node 22 as on Node 20.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { accounts, originHeaders, setUpServer, signIn } from "./fixtures/accounts";
import { node22, startAppServer } from "./fixtures/app-server";
import { createReport } from "./fixtures/reports-api";

test("Node 22：服务器启动、新建、导出 PDF 和 Word、导入 PDF 都正常", async ({ playwright }) => {
  test.setTimeout(240_000);
  const binary = node22();
  // CI installs it (scripts/install-test-deps.sh); a machine without it says so rather than passing.
  if (!binary) {
    expect(process.env.CI, "Node 22 未安装：请运行 bash scripts/install-test-deps.sh").toBeFalsy();
    test.skip(true, "Node 22 未安装（bash scripts/install-test-deps.sh 会安装）");
    return;
  }
  expect(execFileSync(binary, ["--version"], { encoding: "utf8" })).toMatch(/^v22\./);
  const server = await startAppServer(3122, { node: binary });
  const request = await playwright.request.newContext({ extraHTTPHeaders: originHeaders(server.url) });
  try {
    await setUpServer(request, server.url);
    await signIn(request, server.url, accounts.admin);
    const report = structuredClone(publishedSeedReports()[1]!.report);
    const { id } = await createReport(request, { report }, server.url);
    const pdf = await request.get(`${server.url}/api/reports/${id}/export?format=pdf`);
    expect(pdf.status()).toBe(200);
    const pdfBytes = await pdf.body();
    expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await request.get(`${server.url}/api/reports/${id}/export?format=docx`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");
    const imported = await request.post(`${server.url}/api/import/read`, {
      headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("湘潭县2025年报.pdf") },
      data: pdfBytes,
    });
    expect(imported.status(), await imported.text()).toBe(200);
    const read = (await imported.json()) as { report: { ledger: Record<string, unknown> } };
    expect(read.report.ledger["s3.new.natural_person"]).toBe(report.ledger["s3.new.natural_person"]);
  } finally {
    await request.dispose();
    await server.kill();
  }
});
