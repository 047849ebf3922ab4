// One text rule for every text field of every route (text-characters.ts): NUL, lone surrogates,
// U+FFFE/U+FFFF and control characters are refused with a Chinese 400 naming the field, on both
// engines, and nothing is stored; ids that are not ids are not found (404).
import { beforeAll, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { ledgerCells } from "@/lib/format";
import type { ReportStore } from "@/lib/store/report-store";
import { createUnit, listUnits } from "@/lib/store/unit-store";
import { patchUnit, patchUser, postUnits, postUser } from "./admin-routes";
import { createReport } from "./report-routes";
import { appStoreCases, describeOnEachEngine } from "./test-support/app-store";
import { idParams, jsonRequest } from "./test-support/requests";
import { signedInCookie } from "./test-support/session";
import { returnReport, startCorrection, submitReport } from "./workflow-routes";

const cases = await appStoreCases();

const send = (cookie: string, method: string, body: unknown) => jsonRequest(cookie, method, "/api/x", body);
const answer = async (response: Response) => ({ status: response.status, ...((await response.json()) as { message: string }) });

describeOnEachEngine(cases, "每个接口的文字字段用同一条字符规则", (app) => {
  let store: ReportStore;
  let admin = "";
  let reviewer = "";
  let filler = "";
  let topId = "";

  beforeAll(async () => {
    store = app.store;
    topId = (await createUnit(store.db, { name: "字符规则县" })).id;
    await createUnit(store.db, { name: "字符规则县财政局", parentId: topId });
    admin = await signedInCookie(store, { role: "admin", unitName: "字符规则县" });
    reviewer = await signedInCookie(store, { role: "reviewer", unitName: "字符规则县" });
    filler = await signedInCookie(store, { unitName: "字符规则县财政局" });
  }, 60_000);

  it("单位名称、单位名单、姓名中的 NUL、孤立代理字符、U+FFFE：400，说明字段和字符，不存入", async () => {
    const before = (await listUnits(store.db)).length;
    const unit = await answer(await postUnits(send(admin, "POST", { name: "县\u0000财政局", parentId: topId })));
    expect(unit).toEqual({
      status: 400,
      message: expect.stringContaining("单位名称：第 2 个字符是无法保存的控制字符（U+0000）"),
    });
    // A lone surrogate is refused, never stored as U+FFFD.
    const surrogate = await answer(await postUnits(send(admin, "POST", { name: "县\ud800局", parentId: topId })));
    expect(surrogate).toEqual({
      status: 400,
      message: expect.stringContaining("单位名称：第 2 个字符是无法保存的不成对的代理码元（U+D800）"),
    });
    const list = await answer(await postUnits(send(admin, "POST", { list: "甲局\n乙局\ufffe", parentId: topId })));
    expect(list).toEqual({ status: 400, message: expect.stringContaining("单位名单：第 6 个字符是无法保存的非字符（U+FFFE）") });
    const rename = await answer(await patchUnit(send(admin, "PATCH", { name: "改\u001b名" }), idParams(topId)));
    expect(rename).toEqual({
      status: 400,
      message: expect.stringContaining("单位名称：第 2 个字符是无法保存的控制字符（U+001B）"),
    });
    expect((await listUnits(store.db)).length).toBe(before);
    expect((await listUnits(store.db)).some((candidate) => candidate.name.includes("\uFFFD"))).toBe(false);
    const person = await answer(
      await postUser(
        send(admin, "POST", { username: "zifu", name: "张\ud800三", password: "zifu-password-1", role: "filler", unitId: topId }),
      ),
    );
    expect(person).toEqual({ status: 400, message: expect.stringContaining("姓名：第 2 个字符是无法保存的不成对的代理码元") });
  });

  it("格式不对的编号：404 和中文说明；管理员在不存在的单位中新建报告：422", async () => {
    expect(await answer(await patchUnit(send(admin, "PATCH", { name: "新名" }), idParams("not-a-uuid")))).toEqual({
      status: 404,
      message: "找不到这个单位",
    });
    expect(await answer(await patchUser(send(admin, "PATCH", { name: "新名" }), idParams("%ff")))).toEqual({
      status: 404,
      message: "找不到这个账号",
    });
    const nowhere = await answer(
      await createReport(
        send(admin, "POST", { agencyName: "无处县", year: 2025, unitId: "5f0c8c1e-7a4e-4d52-9a1b-000000000000" }),
      ),
    );
    expect(nowhere.status).toBe(422);
    expect(nowhere.message).toContain("找不到要在其中新建报告的单位");
  });

  it("审核意见、单元格意见、更正原因中的 NUL：400 并说明字段，报告状态不变", async () => {
    const report = structuredClone(publishedSeedReports()[1]!.report);
    report.info = { ...report.info, agencyName: "字符规则县财政局", year: 2025 };
    const { stored } = (await (await createReport(send(filler, "POST", { report }))).json()) as { stored: { id: string } };
    const submit = await answer(await submitReport(send(filler, "POST", { comment: "请\u0000审核" }), idParams(stored.id)));
    expect(submit).toEqual({ status: 400, message: expect.stringContaining("意见：第 2 个字符是无法保存的控制字符（U+0000）") });
    expect((await submitReport(send(filler, "POST", {}), idParams(stored.id))).status).toBe(200);
    const cell = await answer(
      await returnReport(
        send(reviewer, "POST", { comments: [{ cellId: ledgerCells[0]!.id, body: "这里\u0000不对" }] }),
        idParams(stored.id),
      ),
    );
    expect(cell).toEqual({ status: 400, message: expect.stringContaining("意见：第 3 个字符是无法保存的控制字符（U+0000）") });
    const correction = await answer(await startCorrection(send(admin, "POST", { reason: "更正\u0000" }), idParams(stored.id)));
    expect(correction).toEqual({ status: 400, message: expect.stringContaining("更正原因：第 3 个字符是无法保存的控制字符") });
    expect((await store.getReport(stored.id))?.status).toBe("submitted");
  });
});
