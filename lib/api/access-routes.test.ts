// The access matrix at the handlers, on both engines: what one unit's people can reach of another unit's reports.

import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import type { TReport } from "@/lib/report/report-schema";
import type { ReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { batchExport } from "./overview-routes";
import { createReport, getReport } from "./report-routes";
import { appStoreCases, describeOnEachEngine } from "./test-support/app-store";
import { idParams, jsonRequest } from "./test-support/requests";
import { signedInCookie } from "./test-support/session";
import { approveReport, publishReport, returnReport, withdrawReport } from "./workflow-routes";

const cases = await appStoreCases();

const seed001 = (agencyName: string, year: number): TReport => {
  const report = structuredClone(publishedSeedReports()[1]!.report);
  report.info = { ...report.info, agencyName, year };
  return report;
};

const post = (cookie: string, body: unknown) => createReport(jsonRequest(cookie, "POST", "/api/reports", body));

const get = (cookie: string, id: string) => getReport(jsonRequest(cookie, "GET", `/api/reports/${id}`), idParams(id));

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const action = (handler: Handler, cookie: string, id: string, body: unknown) =>
  handler(jsonRequest(cookie, "POST", `/api/reports/${id}/action`, body), idParams(id));

type Created = { stored: { id: string; unitId: string } };

describeOnEachEngine(cases, "报告接口的单位隔离", (app) => {
  let store: ReportStore;
  let fillerA = "";
  let fillerB = "";

  beforeAll(async () => {
    store = app.store;
    fillerA = await signedInCookie(store, { unitName: "隔离单位甲" });
    fillerB = await signedInCookie(store, { unitName: "隔离单位乙" });
  }, 60_000);

  it("另一单位以本单位机关名称新建下一年度报告：previousYear 为空，拿不到本单位的报告", async () => {
    const own = await post(fillerA, { report: seed001("隔离甲局", 2024) });
    expect(own.status).toBe(201);
    const ownId = ((await own.json()) as Created).stored.id;
    const probe = await post(fillerB, { report: seed001("隔离甲局", 2025) });
    expect(probe.status).toBe(201);
    const { stored } = (await probe.json()) as Created;
    const loaded = await get(fillerB, stored.id);
    expect(loaded.status).toBe(200);
    const body = (await loaded.json()) as { previousYear: TReport | null };
    expect(body.previousYear).toBeNull();
    expect(JSON.stringify(body)).not.toContain(ownId);
    // A's own next year does get A's last year.
    const next = (await (await post(fillerA, { report: seed001("隔离甲局", 2025) })).json()) as Created;
    const ownLoaded = (await (await get(fillerA, next.stored.id)).json()) as { previousYear: TReport | null };
    expect(ownLoaded.previousYear?.info).toMatchObject({ agencyName: "隔离甲局", year: 2024 });
  });

  it("另一单位先建了同名同年度的报告：本单位照常新建；409 只提本单位自己的报告", async () => {
    expect((await post(fillerB, { agencyName: "隔离先占局", year: 2025 })).status).toBe(201);
    const mine = await post(fillerA, { agencyName: "隔离先占局", year: 2025 });
    expect(mine.status).toBe(201);
    const { stored } = (await mine.json()) as Created;
    const again = await post(fillerA, { agencyName: "隔离先占局", year: 2025 });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { message: string; existing?: { id: string } };
    expect(body.message).not.toContain("其他单位");
    expect(body.existing?.id).toBe(stored.id);
  });

  it("卡在审核通过的报告（含字库没有的字符）：发布回答 422 说明原因，不是 500；审核人可以退回；批量下载列出未能生成的草稿", async () => {
    const reviewerC = await signedInCookie(store, { role: "reviewer", unitName: "隔离单位丙" });
    const unitC = (await listUnits(store.db)).find((unit) => unit.name === "隔离单位丙")!;
    const report = seed001("隔离丙局", 2025);
    report.narrative.problems.body += "（😀）";
    // Approved before submit checked glyphs: the state the issue found stuck.
    const stuck = await store.createReport(report, { unitId: unitC.id });
    await store.db.execute(sql`UPDATE reports SET status = 'approved' WHERE id = ${stuck.id}`);
    const publish = await action(publishReport, reviewerC, stuck.id, {});
    expect(publish.status).toBe(422);
    expect(((await publish.json()) as { message: string }).message).toContain("PDF 的字体中没有以下字符的字形");
    const back = await action(returnReport, reviewerC, stuck.id, { comment: "请换掉表情符号" });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { stored: { status: string } }).stored.status).toBe("returned");

    const zip = await batchExport(
      new Request(`http://localhost/api/batch-export?year=2025&drafts=1&units=${unitC.id}`, { headers: { cookie: reviewerC } }),
    );
    expect(zip.status).toBe(200);
    const files = await JSZip.loadAsync(await zip.arrayBuffer());
    expect(Object.keys(files.files)).toEqual(["未包含的单位.txt"]);
    const listed = await files.file("未包含的单位.txt")!.async("string");
    expect(listed).toContain("隔离单位丙：草稿未能生成 PDF");
    expect(listed).toContain("😀");
  }, 60_000);

  it("越权的操作回答 403 和中文说明（填报人审核通过）；其他单位撤回一律找不到", async () => {
    const fillerC = await signedInCookie(store, { unitName: "隔离单位丁" });
    const created = (await (await post(fillerC, { agencyName: "隔离丁局", year: 2025 })).json()) as Created;
    const approve = await action(approveReport, fillerC, created.stored.id, {});
    expect(approve.status).toBe(403);
    expect(((await approve.json()) as { message: string }).message).toContain("没有权限");
    const withdraw = await action(withdrawReport, fillerB, created.stored.id, {});
    expect(withdraw.status).toBe(404);
  });
});
