// The access matrix at the handlers, on both engines: what one unit's people can reach of another unit's reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import type { TReport } from "@/lib/report/report-schema";
import type { ReportStore } from "@/lib/store/report-store";
import { createReport, getReport } from "./report-routes";
import { appStoreCases, useAppStore } from "./test-support/app-store";
import { signedInCookie } from "./test-support/session";

const cases = await appStoreCases();

const seed001 = (agencyName: string, year: number): TReport => {
  const report = structuredClone(publishedSeedReports()[1]!.report);
  report.info = { ...report.info, agencyName, year };
  return report;
};

const post = (cookie: string, body: unknown) =>
  createReport(
    new Request("http://localhost/api/reports", {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

const get = (cookie: string, id: string) =>
  getReport(new Request(`http://localhost/api/reports/${id}`, { headers: { cookie } }), { params: Promise.resolve({ id }) });

type Created = { stored: { id: string; unitId: string } };

describe.each(cases)("报告接口的单位隔离（$engine）", ({ engine, unavailable }) => {
  if (unavailable !== null && !process.env.CI) {
    it.skip(`跳过：无法连接 PostgreSQL（${unavailable}）`, () => undefined);
    return;
  }
  let app: Awaited<ReturnType<typeof useAppStore>>;
  let store: ReportStore;
  let fillerA = "";
  let fillerB = "";

  beforeAll(async () => {
    app = await useAppStore(engine);
    store = app.store;
    fillerA = await signedInCookie(store, { unitName: "隔离单位甲" });
    fillerB = await signedInCookie(store, { unitName: "隔离单位乙" });
  }, 60_000);
  afterAll(async () => app?.release());

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
});
