import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedLedgerEntries } from "@/fixtures/seed-reports";
import { MAX_IMPORT_BYTES } from "@/lib/import";
import { getReportStore } from "@/lib/store/report-store";
import { importReport, readPublishedReport } from "./import-routes";
import { withTemporaryAppStore } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

let cookie = "";
withTemporaryAppStore(async (store) => {
  cookie = await signedInCookie(store);
});

const seed001 = new Uint8Array(
  readFileSync(
    path.join(process.cwd(), "fixtures", "seeds", seedLedgerEntries.find((entry) => entry.seed.startsWith("001"))!.seed),
  ),
);

function upload(
  body: Uint8Array<ArrayBuffer>,
  { fileName = "湘潭县2025年报.txt", type = "application/octet-stream", query = "", read = false, declareLength = true } = {},
) {
  const headers = new Headers({ "x-file-name": encodeURIComponent(fileName), cookie });
  if (type) headers.set("content-type", type);
  // As a browser sends it; without it the body is counted while it streams in.
  if (declareLength) headers.set("content-length", String(body.byteLength));
  const request = new Request(`http://localhost/api/import${read ? "/read" : ""}${query}`, { method: "POST", headers, body });
  return read ? readPublishedReport(request) : importReport(request);
}

const reportCount = async () => (await (await getReportStore()).listReports()).length;

describe("POST /api/import", () => {
  it("needs a session: 401 in Chinese, nothing stored", async () => {
    const before = await reportCount();
    const request = new Request("http://localhost/api/import", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "x-file-name": "a.txt" },
      body: seed001,
    });
    const response = await importReport(request);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toContain("请先登录");
    expect(await reportCount()).toBe(before);
  });

  it("stores a published report as a new report of its agency and year, with where it came from and its published title", async () => {
    const response = await upload(seed001);
    expect(response.status).toBe(201);
    const { stored } = (await response.json()) as { stored: { id: string; agencyName: string; year: number; kind: string } };
    expect(stored).toMatchObject({ agencyName: "湘潭县人民政府", year: 2025, kind: "report" });
    const row = await (await getReportStore()).getReport(stored.id);
    expect(row!.report.importReview).toMatchObject({
      source: { fileName: "湘潭县2025年报.txt", fileType: "text" },
      detectedFormat: "2021",
    });
    expect(row!.report.info.title).toBe("湘潭县人民政府2025年政府信息公开工作年度报告");
  });

  it("answers a second file of that agency and year with 409 and the link, and stores it as a copy when asked", async () => {
    const before = await reportCount();
    const duplicate = await upload(seed001);
    expect(duplicate.status).toBe(409);
    const body = (await duplicate.json()) as { message: string; existing: { id: string; agencyName: string; year: number } };
    expect(body.message).toContain("已有一份湘潭县人民政府2025年度报告");
    expect(body.existing).toMatchObject({ agencyName: "湘潭县人民政府", year: 2025 });
    expect(await reportCount()).toBe(before);
    const copy = await upload(seed001, { query: "?as=copy" });
    expect(copy.status).toBe(201);
    expect(((await copy.json()) as { stored: { kind: string } }).stored.kind).toBe("copy");
  });

  it("refuses form posts and text/plain (another site's page can send those) with 415, nothing stored", async () => {
    const before = await reportCount();
    const form = new FormData();
    form.append("file", new Blob([seed001]), "年报.txt");
    const multipart = await importReport(
      new Request("http://localhost/api/import", { method: "POST", headers: { cookie }, body: form }),
    );
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as { message: string }).message).toMatch(
      /^上传文件只接受文件的原始内容.*收到的是“multipart\/form-data”$/u,
    );
    expect((await upload(seed001, { type: "text/plain" })).status).toBe(415);
    expect(await reportCount()).toBe(before);
  });

  it("refuses a file over 20 MB with the importer's message, and what is not a 年报, nothing stored", async () => {
    const before = await reportCount();
    const big = await upload(new Uint8Array(MAX_IMPORT_BYTES + 1024 * 1024), { fileName: "big.pdf" });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { message: string }).message).toBe("文件过大（21.0 MB），最大 20 MB");
    const streamed = await upload(new Uint8Array(MAX_IMPORT_BYTES + 1), { fileName: "big.pdf", declareLength: false });
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { message: string }).message).toBe("文件过大，最大 20 MB");
    const notice = await upload(new TextEncoder().encode("会议通知\n请各单位于本周五前报送材料。"), { fileName: "通知.txt" });
    expect(notice.status).toBe(422);
    expect(await notice.json()).toMatchObject({
      reason: "not_a_report",
      message: expect.stringContaining("不是政府信息公开工作年度报告"),
    });
    expect(await reportCount()).toBe(before);
  });

  it("needs the file name, percent-encoded", async () => {
    const request = new Request("http://localhost/api/import", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", cookie },
      body: seed001,
    });
    expect((await importReport(request)).status).toBe(400);
    const malformed = new Request("http://localhost/api/import", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "x-file-name": "%E6%B9", cookie },
      body: seed001,
    });
    expect(((await (await importReport(malformed)).json()) as { message: string }).message).toBe(
      "文件名（X-File-Name）应为百分号编码的 UTF-8",
    );
  });
});

describe("POST /api/import/read", () => {
  it("reads last year's file and returns the report without storing it", async () => {
    const before = await reportCount();
    const response = await upload(seed001, { read: true });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { report: { info: { year: number } }; sourceType: string };
    expect(body.report.info.year).toBe(2025);
    expect(body.sourceType).toBe("text");
    expect(await reportCount()).toBe(before);
  });
});
