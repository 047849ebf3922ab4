import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { type Actor, accessScopes } from "@/lib/auth/access";
import { checkReport } from "@/lib/checks/check-report";
import type { TReport } from "@/lib/report/report-schema";
import { overviewRows, overviewStatusLabel, summaryLedgers } from "./overview";
import { DuplicateReportError, ReportStateError, type ReportStore } from "./report-store";
import { testDatabaseUrl } from "./test-support/scratch-database";
import { type StorePlace, storePlaceCases } from "./test-support/store-places";
import { createUnit, listUnits } from "./unit-store";

const serverUrl = testDatabaseUrl();
const cases = await storePlaceCases();

const seed001 = (): TReport => structuredClone(publishedSeedReports()[1]!.report);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ReportStateError,
  );

describe.each(cases)("review workflow and unit scopes ($engine)", ({ place, unavailable }) => {
  if (unavailable !== null && !process.env.CI) {
    it.skip(`跳过：无法连接 ${serverUrl}`, () => undefined);
    return;
  }
  let location: StorePlace;
  let root: ReportStore;
  let filler: ReportStore;
  let otherFiller: ReportStore;
  let reviewer: ReportStore;
  let reviewerB: ReportStore;
  let reviewer2: ReportStore;
  let admin: ReportStore;
  let unitIds: { top: string; a: string; b: string };

  beforeAll(async () => {
    location = await place();
    root = await location.open();
    const top = await createUnit(root.db, { name: "某县人民政府" });
    const unitA = await createUnit(root.db, { name: "某县财政局", parentId: top.id });
    const unitB = await createUnit(root.db, { name: "某县教育局", parentId: top.id });
    const units = await listUnits(root.db);
    const as = (actor: Actor) => root.as(actor, accessScopes(actor, units));
    filler = as({ userId: "u-a", username: "a", name: "填报人甲", role: "filler", unitId: unitA.id });
    otherFiller = as({ userId: "u-b", username: "b", name: "填报人乙", role: "filler", unitId: unitB.id });
    reviewer = as({ userId: "u-r", username: "r", name: "审核人丙", role: "reviewer", unitId: top.id });
    reviewerB = as({ userId: "u-rb", username: "rb", name: "审核人戊", role: "reviewer", unitId: unitB.id });
    unitIds = { top: top.id, a: unitA.id, b: unitB.id };
    reviewer2 = as({ userId: "u-r2", username: "r2", name: "审核人己", role: "reviewer", unitId: top.id });
    admin = as({ userId: "u-admin", username: "admin", name: "管理员庚", role: "admin", unitId: top.id });
  }, 60_000);

  afterAll(async () => {
    await root?.close();
    await location?.dispose();
  });

  it("limits every query to the units a person may see or change", async () => {
    const report = await filler.createReport({ ...seed001(), info: { ...seed001().info, agencyName: "某县财政局" } });
    expect(await otherFiller.getReport(report.id)).toBeNull();
    expect((await otherFiller.listReports()).map((item) => item.id)).not.toContain(report.id);
    expect(await otherFiller.saveReport(report.id, 1, report.report)).toEqual({ status: "not_found" });
    expect(await otherFiller.deleteReport(report.id)).toBe(false);
    expect(await otherFiller.listVersions(report.id)).toEqual([]);
    // The reviewer of the unit above sees it, but does not edit another unit's report.
    expect((await reviewer.getReport(report.id))?.id).toBe(report.id);
    expect((await failure(reviewer.saveReport(report.id, 1, report.report)))?.status).toBe(403);
    await expect(otherFiller.createReport(seed001(), { unitId: report.unitId })).rejects.toThrow("您只能为本单位新建报告");
  });

  it("never lets another unit reach a report through last year, the cross-year rules or the duplicate check", async () => {
    const named = (agencyName: string, year: number, change: (report: TReport) => void = () => undefined) => {
      const report = seed001();
      report.info = { ...report.info, agencyName, year };
      change(report);
      return report;
    };
    const ownA = await filler.createReport(named("某县跨年局", 2025));
    expect(ownA.errorCount).toBe(0);
    // B names its report after A's agency for the next year: it gets no previous year, least of all A's.
    const probe = await otherFiller.createReport(named("某县跨年局", 2026));
    expect(probe.unitId).toBe(unitIds.b);
    expect(await otherFiller.findPreviousYear(probe)).toBeNull();
    expect(await root.findPreviousYear(probe)).toBeNull();
    // B plants "A's last year" with 999 everywhere in 表三: A's checks, submit and counts are untouched.
    const poison = named("某县跨年局", 2024, (report) => {
      for (const key of Object.keys(report.ledger)) if (key.startsWith("s3.")) report.ledger[key] = 999;
    });
    expect(checkReport(ownA.report, { previousYear: poison }).some((r) => r.ruleId === "cross_year.carried_over")).toBe(true);
    await otherFiller.createReport(poison);
    expect(await filler.findPreviousYear(ownA)).toBeNull();
    expect(await root.findPreviousYear(ownA)).toBeNull();
    const edited = structuredClone(ownA.report);
    edited.narrative.problems.body += "（补充）";
    const resaved = await filler.saveReport(ownA.id, 1, edited);
    expect(resaved.status === "saved" && resaved.stored.errorCount).toBe(0);
    // B taking A's agency and year first does not block A, and A's duplicate names only A's own report.
    const takenFirst = await otherFiller.createReport(named("某县先占局", 2025));
    const aOwn = await filler.createReport(named("某县先占局", 2025));
    expect(aOwn.unitId).toBe(unitIds.a);
    const duplicate = await failure(filler.createReport(named("某县先占局", 2025)));
    expect(duplicate).toBeInstanceOf(DuplicateReportError);
    expect((duplicate as unknown as DuplicateReportError).existing.id).toBe(aOwn.id);
    expect(duplicate?.message).not.toContain("其他单位");
    const bDuplicate = await failure(otherFiller.createReport(named("某县先占局", 2025)));
    expect((bDuplicate as unknown as DuplicateReportError).existing.id).toBe(takenFirst.id);
    // A's chain follows the unit, not the name: renamed in 2023, last year is still A's 2022.
    const oldName = await filler.createReport(named("某县旧名局", 2022));
    const renamed = await filler.createReport(named("某县新名局", 2023));
    expect((await filler.findPreviousYear(renamed))?.id).toBe(oldName.id);
    expect((await reviewer.findPreviousYear(renamed))?.id).toBe(oldName.id);
    expect(await otherFiller.findPreviousYear(renamed)).toBeNull();
    await filler.submitReport(ownA.id);
    expect((await filler.getReport(ownA.id))?.status).toBe("submitted");
    // Overview, 汇总 and batch export read through the same scopes: B's reviewer sees B only.
    const rowsB = await overviewRows(reviewerB, reviewerB.scopes!.review, 2025);
    expect(rowsB.map((row) => row.unit.id)).toEqual([unitIds.b]);
    expect(rowsB[0]?.report?.id).toBe(takenFirst.id);
    expect(await reviewerB.getReports([ownA.id, aOwn.id])).toEqual([]);
    expect(await reviewerB.listPublished(ownA.id)).toEqual([]);
    const rowsAll = await overviewRows(reviewer, reviewer.scopes!.review, 2025);
    expect(rowsAll.find((row) => row.unit.id === unitIds.a)?.report?.agencyName).not.toBeUndefined();
  });

  it("submits only without errors, locks, returns with comments, approves, publishes the files with their hashes, and corrects", async () => {
    const draft = { ...seed001(), info: { ...seed001().info, agencyName: "某县财政局流程" } };
    const broken = structuredClone(draft);
    broken.ledger["s3.new.natural_person"] = 1;
    const created = await filler.createReport(broken);
    const blocked = await failure(filler.submitReport(created.id));
    expect(blocked?.status).toBe(422);
    expect(blocked?.message).toMatch(/^报告还有 \d+ 个错误，不能提交审核/);
    const fixed = await filler.saveReport(created.id, 1, draft);
    expect(fixed.status).toBe("saved");

    const submitted = await filler.submitReport(created.id);
    expect(submitted.status).toBe("submitted");
    expect((await failure(filler.saveReport(created.id, 2, seed001())))?.message).toContain("已提交，不能修改");
    expect((await failure(filler.approveReport(created.id)))?.message).toContain("没有权限");

    const returned = await reviewer.returnReport(created.id, "请核对", [
      { cellId: "s4.review.upheld", body: "维持数不对" },
      { sectionId: "problems", body: "写得太简单" },
    ]);
    expect(returned.status).toBe("returned");
    const comments = await filler.listComments(created.id);
    expect(comments.map((comment) => [comment.cellId, comment.sectionId, comment.body])).toEqual([
      ["s4.review.upheld", null, "维持数不对"],
      [null, "problems", "写得太简单"],
    ]);
    expect(await otherFiller.resolveComment(created.id, comments[0]!.id)).toBe(false);
    expect(await filler.resolveComment(created.id, comments[0]!.id)).toBe(true);

    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    const files = {
      fileBaseName: "某县财政局流程2025年政府信息公开工作年度报告",
      pdf: new Uint8Array([1, 2, 3]),
      docx: new Uint8Array([4]),
      html: new TextEncoder().encode("<p>发布</p>"),
    };
    const published = await reviewer.publishReport(created.id, files);
    expect(published.status).toBe("published");
    const [record] = await filler.listPublished(created.id);
    expect(record).toMatchObject({
      sequence: 1,
      version: 2,
      pdfSha256: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
    });
    expect((await filler.getPublishedFile(created.id, 1, "pdf"))?.bytes.equals(Buffer.from([1, 2, 3]))).toBe(true);
    expect(await failure(filler.deleteReport(created.id))).toBeInstanceOf(ReportStateError);

    const correcting = await filler.startCorrection(created.id, "数字有误");
    expect(correcting).toMatchObject({ status: "editing", correctionReason: "数字有误" });
    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    await reviewer.publishReport(created.id, { ...files, pdf: new Uint8Array([9]) });
    const records = await filler.listPublished(created.id);
    expect(records.map((item) => [item.sequence, item.reason])).toEqual([
      [1, null],
      [2, "数字有误"],
    ]);
    expect((await filler.getPublishedFile(created.id, 1, "pdf"))?.bytes.equals(Buffer.from([1, 2, 3]))).toBe(true);
    const transitions = await filler.listTransitions(created.id);
    expect(transitions.map((item) => `${item.fromStatus}→${item.toStatus}`)).toEqual([
      "editing→submitted",
      "submitted→returned",
      "returned→submitted",
      "submitted→approved",
      "approved→published",
      "published→editing",
      "editing→submitted",
      "submitted→approved",
      "approved→published",
    ]);
    expect(transitions[1]).toMatchObject({ userName: "审核人丙", comment: "请核对" });
    const [count] = (await root.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM published_records`)).rows;
    expect(count?.n).toBe(2);
  });

  const fresh = (agencyName: string) => ({ ...seed001(), info: { ...seed001().info, agencyName } });
  const files = {
    fileBaseName: "发布记录",
    pdf: new Uint8Array([7, 7, 7]),
    docx: new Uint8Array([8]),
    html: new TextEncoder().encode("<p>记录</p>"),
  };
  async function publishedReport(agencyName: string) {
    const created = await filler.createReport(fresh(agencyName));
    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    return reviewer.publishReport(created.id, files);
  }

  it("never lets a 填报人 delete a published report or one under correction; the 管理员's removal keeps its files, hashes and history", async () => {
    const published = await publishedReport("某县财政局删除");
    const refused = await failure(filler.deleteReport(published.id));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain("已发布的报告");
    await filler.startCorrection(published.id, "改一个数字");
    expect((await failure(filler.deleteReport(published.id)))?.status).toBe(403);
    expect((await filler.getReport(published.id))?.status).toBe("editing");
    // A reviewer who sees the report but does not write it: 403 too, not "not found".
    expect((await failure(reviewer.deleteReport(published.id)))?.status).toBe(403);
    const [record] = await filler.listPublished(published.id);

    expect(await admin.deleteReport(published.id)).toBe(true);
    expect(await filler.getReport(published.id)).toBeNull();
    expect((await filler.getReport(published.id, { withDeleted: true }))?.id).toBe(published.id);
    expect(await otherFiller.getReport(published.id, { withDeleted: true })).toBeNull();
    for (const store of [filler, reviewer, admin]) {
      expect((await store.listPublished(published.id)).map((item) => item.pdfSha256)).toEqual([record!.pdfSha256]);
      const file = await store.getPublishedFile(published.id, 1, "pdf");
      expect(file?.bytes.equals(Buffer.from([7, 7, 7]))).toBe(true);
      expect((await store.listTransitions(published.id)).map((item) => item.toStatus)).toEqual([
        "submitted",
        "approved",
        "published",
        "editing",
      ]);
    }
    expect(await otherFiller.listPublished(published.id)).toEqual([]);
    expect((await filler.listReports({ deleted: true })).map((item) => item.id)).toContain(published.id);
    // Never purged, however long ago it was removed.
    await root.purgeDeleted(new Date(Date.now() + 400 * 86_400_000));
    expect((await admin.getPublishedFile(published.id, 1, "pdf"))?.sha256).toBe(record!.pdfSha256);
  });

  it.each([
    ["😀", "an emoji"],
    ["𠀀", "an Extension B ideograph no face has"],
    ["\u202E", "a right-to-left override"],
  ])("makes %s (%s) a finding at submit, so an approved report can always be published", async (character) => {
    const report = fresh(`某县财政局字形${character.codePointAt(0)}`);
    report.narrative.problems.body += `（${character}）`;
    const created = await filler.createReport(report);
    const refused = await failure(filler.submitReport(created.id));
    expect(refused?.status).toBe(422);
    expect(refused?.message).toContain("PDF 的字体中没有以下字符的字形");
    expect(((refused?.details.errors ?? []) as { ruleId: string }[]).map((item) => item.ruleId)).toContain(
      "export.missing_glyph",
    );
    expect((await filler.getReport(created.id))?.status).toBe("editing");
  });

  it("lets a reviewer send an approved report back and a 填报人 withdraw a submission not yet reviewed", async () => {
    const created = await filler.createReport(fresh("某县财政局撤回"));
    await filler.submitReport(created.id);
    expect((await failure(reviewer.withdrawReport(created.id)))?.status).toBe(403);
    expect((await failure(otherFiller.withdrawReport(created.id)))?.status).toBe(404);
    const withdrawn = await filler.withdrawReport(created.id);
    expect(withdrawn.status).toBe("editing");
    expect((await filler.saveReport(created.id, withdrawn.revision, fresh("某县财政局撤回改"))).status).toBe("saved");
    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    const late = await failure(filler.withdrawReport(created.id));
    expect(late?.status).toBe(409);
    expect(late?.message).toContain("审核通过");
    const back = await reviewer.returnReport(created.id, "发布前发现表述有误", []);
    expect(back.status).toBe("returned");
    const transitions = await filler.listTransitions(created.id);
    expect(transitions.map((item) => `${item.fromStatus}→${item.toStatus}`)).toEqual([
      "editing→submitted",
      "submitted→editing",
      "editing→submitted",
      "submitted→approved",
      "approved→returned",
    ]);
    expect(transitions[1]).toMatchObject({ userName: "填报人甲", comment: "撤回" });
  });

  it("answers 403 to what a role may not do, and keeps a reviewer from approving their own submission", async () => {
    const created = await filler.createReport(fresh("某县财政局越权"));
    for (const attempt of [
      () => filler.approveReport(created.id),
      () => filler.returnReport(created.id, "意见", []),
      () => filler.publishReport(created.id, files),
      () => reviewer.submitReport(created.id),
      () => reviewer.restoreVersion(created.id, 1, 1),
      () => reviewer.deleteReport(created.id),
      () => otherFiller.createReport(fresh("某县财政局越权二"), { unitId: unitIds.a }),
    ]) {
      const error = await failure(attempt());
      expect(error?.status).toBe(403);
      expect(error?.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    // A deleted draft: the reviewer above sees it among the deleted, but only its unit restores it,
    // and not while another report of the same agency and year has taken its place.
    const draft = await filler.createReport(fresh("某县财政局恢复"));
    expect(await filler.deleteReport(draft.id)).toBe(true);
    expect((await failure(reviewer.restoreReport(draft.id)))?.status).toBe(403);
    const replacement = await filler.createReport(fresh("某县财政局恢复"));
    const clash = await failure(filler.restoreReport(draft.id));
    expect(clash).toBeInstanceOf(DuplicateReportError);
    expect((clash as unknown as DuplicateReportError).existing.id).toBe(replacement.id);
    await filler.deleteReport(replacement.id);
    expect(await filler.restoreReport(draft.id)).toBe(true);
    await filler.submitReport(created.id);
    await reviewer.returnReport(created.id, "请补充", [{ sectionId: "problems", body: "补充" }]);
    const [comment] = await filler.listComments(created.id);
    expect((await failure(reviewer.resolveComment(created.id, comment!.id)))?.status).toBe(403);
    await filler.submitReport(created.id);
    expect((await failure(reviewer.startCorrection(created.id, "x")))?.status).toBe(403);

    // Separation of duties: the reviewer's own unit's report, submitted by that reviewer.
    const own = await reviewer.createReport(fresh("某县人民政府自审"));
    await reviewer.submitReport(own.id);
    const self = await failure(reviewer.approveReport(own.id));
    expect(self?.status).toBe(403);
    expect(self?.message).toContain("自己提交");
    expect((await reviewer2.approveReport(own.id)).status).toBe("approved");
    // An office of one: the 管理员 submits and approves.
    const alone = await admin.createReport(fresh("某县人民政府独办"));
    await admin.submitReport(alone.id);
    expect((await admin.approveReport(alone.id)).status).toBe("approved");
  });

  it("keeps a report under 更正 published in the overview and the 汇总 until the correction is published; what was published is sealed", async () => {
    // 表二's 行政处罚: a figure a correction can change without breaking a sum.
    const CELL = "s2.penalties.decisions";
    const report = { ...seed001(), info: { ...seed001().info, agencyName: "某县财政局更正汇总" } };
    const created = await filler.createReport(report);
    // An edit before submitting: the published version is then this person's open sitting.
    const edited = structuredClone(report);
    edited.narrative.problems.body = `${edited.narrative.problems.body}（补充）`;
    expect((await filler.saveReport(created.id, created.revision, edited)).status).toBe("saved");
    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    await reviewer.publishReport(created.id, {
      fileBaseName: "更正汇总",
      pdf: new Uint8Array([1]),
      docx: new Uint8Array([2]),
      html: new Uint8Array([3]),
    });
    const [record] = await filler.listPublished(created.id);
    const publishedFigure = report.ledger[CELL] as number;

    await filler.startCorrection(created.id, "数字有误");
    // Straight after publishing, by the same person: a sitting that would join the published version.
    const corrected = structuredClone(edited);
    corrected.ledger[CELL] = publishedFigure + 100;
    const saved = await filler.saveReport(created.id, (await filler.getReport(created.id))!.revision, corrected);
    expect(saved.status).toBe("saved");
    expect((await filler.getVersion(created.id, record!.version))?.report.ledger[CELL]).toBe(publishedFigure);

    const rows = (await overviewRows(reviewer, [unitIds.top, unitIds.a, unitIds.b], report.info.year!)).filter(
      (row) => row.report?.id === created.id,
    );
    expect(rows.map((row) => row.report && overviewStatusLabel(row.report))).toEqual(["已发布（更正中）"]);
    expect((await summaryLedgers(reviewer, rows)).map((ledger) => ledger[CELL])).toEqual([publishedFigure]);

    await filler.submitReport(created.id);
    await reviewer.approveReport(created.id);
    await reviewer.publishReport(created.id, {
      fileBaseName: "更正汇总",
      pdf: new Uint8Array([4]),
      docx: new Uint8Array([5]),
      html: new Uint8Array([6]),
    });
    const after = (await overviewRows(reviewer, null, report.info.year!)).filter((row) => row.report?.id === created.id);
    expect(after.map((row) => row.report && overviewStatusLabel(row.report))).toEqual(["已发布"]);
    expect((await summaryLedgers(reviewer, after)).map((ledger) => ledger[CELL])).toEqual([publishedFigure + 100]);
  });

  it("assigns the reports made before accounts existed to a unit", async () => {
    const legacy = await root.createReport({ ...seed001(), info: { ...seed001().info, agencyName: "旧报告机关" } });
    expect(legacy.unitId).toBeNull();
    const [top] = await listUnits(root.db);
    expect(await root.assignUnitlessReports(top!.id)).toBeGreaterThanOrEqual(1);
    expect((await root.getReport(legacy.id))?.unitId).toBe(top!.id);
  });
});
