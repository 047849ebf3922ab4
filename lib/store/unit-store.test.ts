import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports } from "@/fixtures/seed-reports";
import { type Actor, accessScopes } from "@/lib/auth/access";
import { createAccount, setAccountDisabled, updateAccount } from "@/lib/auth/accounts";
import { listAdminActions } from "./admin-log";
import { overviewRows } from "./overview";
import type { ReportStore } from "./report-store";
import { user } from "./schema";
import { testDatabaseUrl } from "./test-support/scratch-database";
import { type StorePlace, storePlaceCases } from "./test-support/store-places";
import {
  activeUnits,
  addUnit,
  createUnit,
  createUnitsFromList,
  listUnits,
  moveUnit,
  removeUnit,
  renameUnit,
  restoreUnit,
  type Unit,
  UnitError,
} from "./unit-store";

const serverUrl = testDatabaseUrl();
const cases = await storePlaceCases();

const admin: Actor = { userId: "u-admin", username: "admin", name: "管理员甲", role: "admin", unitId: null };

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as UnitError,
  );

describe.each(cases)("单位树（$engine）", ({ place, unavailable }) => {
  if (unavailable !== null && !process.env.CI) {
    it.skip(`跳过：无法连接 ${serverUrl}`, () => undefined);
    return;
  }
  let location: StorePlace;
  let root: ReportStore;
  let top: Unit;
  const parentOf = async (name: string) => {
    const all = await listUnits(root.db);
    const unit = all.find((candidate) => candidate.name === name);
    return all.find((candidate) => candidate.id === unit?.parentId)?.name ?? null;
  };

  beforeAll(async () => {
    location = await place();
    root = await location.open();
    // As the first-run setup leaves it: one top unit.
    top = await createUnit(root.db, { name: "平潭县人民政府" });
  }, 60_000);

  afterAll(async () => {
    await root?.close();
    await location?.dispose();
  });

  it("粘贴名单重复已有的顶层单位：按名称对应，不重复建立，下级挂在它下面", async () => {
    const { created, matched } = await createUnitsFromList(
      root.db,
      "平潭县人民政府\n    县发展和改革局\n    县财政局\n        县财政局国库中心\n    潭城镇",
    );
    expect(matched.map((unit) => unit.id)).toEqual([top.id]);
    expect(created.map((unit) => unit.name)).toEqual(["县发展和改革局", "县财政局", "县财政局国库中心", "潭城镇"]);
    expect(await parentOf("县财政局")).toBe("平潭县人民政府");
    expect(await parentOf("县财政局国库中心")).toBe("县财政局");
    expect((await listUnits(root.db)).filter((unit) => unit.name === "平潭县人民政府")).toHaveLength(1);
  });

  it("名单从顶层单位之下开始：无缩进的行加到所选上级单位之下；再贴一次不新增", async () => {
    const text = "县教育局\n县卫生健康局\n\t县人民医院";
    const first = await createUnitsFromList(root.db, text, { parentId: top.id });
    expect(first.created.map((unit) => unit.name)).toEqual(["县教育局", "县卫生健康局", "县人民医院"]);
    expect(await parentOf("县教育局")).toBe("平潭县人民政府");
    expect(await parentOf("县人民医院")).toBe("县卫生健康局");
    const again = await createUnitsFromList(root.db, text, { parentId: top.id });
    expect(again.created).toEqual([]);
    expect(again.matched.map((unit) => unit.name)).toEqual(["县教育局", "县卫生健康局", "县人民医院"]);
  });

  it("名单从某个已有的下级单位开始：它的下级加在它下面；两列格式同样对应已有单位", async () => {
    const indented = await createUnitsFromList(root.db, "县财政局\n    县财政局票据中心", { parentId: top.id });
    expect(indented.matched.map((unit) => unit.name)).toEqual(["县财政局"]);
    expect(await parentOf("县财政局票据中心")).toBe("县财政局");
    const columns = await createUnitsFromList(root.db, "县财政局\t平潭县人民政府\n县财政局会计服务中心\t县财政局");
    expect(columns.matched.map((unit) => unit.name)).toEqual(["县财政局"]);
    expect(await parentOf("县财政局会计服务中心")).toBe("县财政局");
  });

  it("已有单位在名单中写在另一上级下：拒绝并说明，整份名单不添加", async () => {
    const before = (await listUnits(root.db)).length;
    const error = await failure(createUnitsFromList(root.db, "新单位甲\t平潭县人民政府\n县财政局\t县教育局"));
    expect(error).toBeInstanceOf(UnitError);
    expect(error?.message).toContain("第 2 行");
    expect(error?.message).toContain("已有的单位“县财政局”在“平潭县人民政府”下，名单中写在“县教育局”下");
    expect((await listUnits(root.db)).length).toBe(before);
  });

  it("上级写在后面或不存在：指出行号", async () => {
    const error = await failure(createUnitsFromList(root.db, "某单位\t还没有的上级"));
    expect(error?.message).toBe("第 1 行“某单位”的上级单位“还没有的上级”不存在（上级须写在前面，或已建立）");
  });

  it("改名、移动：记入管理记录；不能移到自己或自己的下级下面，不能与已有单位重名", async () => {
    const health = (await listUnits(root.db)).find((unit) => unit.name === "县卫生健康局")!;
    const hospital = (await listUnits(root.db)).find((unit) => unit.name === "县人民医院")!;
    const renamed = await renameUnit(root.db, health.id, " 县卫生健康委员会 ", admin);
    expect(renamed.name).toBe("县卫生健康委员会");
    expect((await failure(renameUnit(root.db, health.id, "县财政局", admin)))?.message).toBe("已有名为“县财政局”的单位");
    expect((await failure(moveUnit(root.db, health.id, health.id, admin)))?.message).toBe(
      "不能把“县卫生健康委员会”移到它自己下面",
    );
    expect((await failure(moveUnit(root.db, health.id, hospital.id, admin)))?.message).toBe(
      "不能把“县卫生健康委员会”移到它自己的下级单位“县人民医院”下面",
    );
    const education = (await listUnits(root.db)).find((unit) => unit.name === "县教育局")!;
    await moveUnit(root.db, hospital.id, education.id, admin);
    expect(await parentOf("县人民医院")).toBe("县教育局");
    const log = (await listAdminActions(root.db)).map((entry) => [entry.userName, entry.action, entry.detail]);
    expect(log).toContainEqual(["管理员甲（admin）", "unit.rename", "把单位“县卫生健康局”改名为“县卫生健康委员会”"]);
    expect(log).toContainEqual(["管理员甲（admin）", "unit.move", "把单位“县人民医院”从“县卫生健康委员会”下移到“县教育局”下"]);
  });

  it("移除单位的同时把账号调进去：两者只成其一，归档的单位里不会有可用的账号", async () => {
    for (let round = 0; round < 8; round += 1) {
      const unit = await createUnit(root.db, { name: `并发归档局${round}`, parentId: top.id });
      const report = structuredClone(publishedSeedReports()[1]!.report);
      report.info = { ...report.info, agencyName: unit.name, year: 2025 };
      await root.createReport(report, { unitId: unit.id });
      const person = await createAccount(root.db, {
        username: `bingfa${round}`,
        name: "",
        password: "first-password",
        role: "filler",
        unitId: top.id,
      });
      await Promise.allSettled([
        removeUnit(root.db, unit.id, admin),
        updateAccount(root.db, person.id, { unitId: unit.id }, admin),
      ]);
      const archived = (await listUnits(root.db)).find((candidate) => candidate.id === unit.id)?.archivedAt ?? null;
      const [moved] = await root.db
        .select({ unitId: user.unitId, disabled: user.disabled })
        .from(user)
        .where(eq(user.id, person.id));
      expect(archived !== null && moved?.unitId === unit.id && moved.disabled === false, `第 ${round + 1} 次`).toBe(false);
    }
  });

  it("移除：没有报告和账号的单位删除；有报告的单位归档，报告仍在、审核人仍能看到；归档的单位不再可选、不计入缺报", async () => {
    const empty = await addUnit(root.db, { name: "临时机构", parentId: top.id }, admin);
    expect((await removeUnit(root.db, empty.id, admin)).outcome).toBe("deleted");
    expect((await listUnits(root.db)).some((unit) => unit.id === empty.id)).toBe(false);

    const merged = await createUnit(root.db, { name: "县旅游局", parentId: top.id });
    const person = await createAccount(root.db, {
      username: "lvyou",
      name: "旅游局填报人",
      password: "first-password",
      role: "filler",
      unitId: merged.id,
    });
    const report = structuredClone(publishedSeedReports()[1]!.report);
    report.info = { ...report.info, agencyName: "县旅游局", year: 2025 };
    const stored = await root.createReport(report, { unitId: merged.id });
    // Someone still signs in there: moved or disabled first.
    const blocked = await failure(removeUnit(root.db, merged.id, admin));
    expect(blocked?.status).toBe(409);
    expect(blocked?.message).toBe("“县旅游局”还有 1 个可用的账号（lvyou）：请先把他们调到其他单位，或停用");
    await setAccountDisabled(root.db, person.id, true, admin);
    const removal = await removeUnit(root.db, merged.id, admin);
    expect(removal).toMatchObject({ outcome: "archived", reportCount: 1, accountCount: 1 });
    const archived = (await listUnits(root.db)).find((unit) => unit.id === merged.id)!;
    expect(archived.archivedAt).not.toBeNull();
    expect(activeUnits(await listUnits(root.db)).some((unit) => unit.id === merged.id)).toBe(false);

    const reviewer: Actor = { userId: "u-r", username: "r", name: "审核人", role: "reviewer", unitId: top.id };
    const reviewerStore = root.as(reviewer, accessScopes(reviewer, await listUnits(root.db)));
    expect((await reviewerStore.getReport(stored.id))?.report.info.agencyName).toBe("县旅游局");
    const rows = await overviewRows(reviewerStore, accessScopes(reviewer, await listUnits(root.db)).review, 2025);
    expect(rows.find((row) => row.unit.id === merged.id)?.report?.id).toBe(stored.id);
    const nextYear = await overviewRows(reviewerStore, accessScopes(reviewer, await listUnits(root.db)).review, 2026);
    expect(nextYear.some((row) => row.unit.id === merged.id)).toBe(false);

    // No new report is made in it.
    const adminStore = root.as(admin, accessScopes(admin, await listUnits(root.db)));
    const nextReport = structuredClone(report);
    nextReport.info = { ...nextReport.info, year: 2026 };
    expect((await failure(adminStore.createReport(nextReport, { unitId: merged.id })))?.message).toBe(
      "单位“县旅游局”已归档，不能在其中新建报告（管理员可在“单位和账号”中恢复它）",
    );

    // Offered nowhere: not as a parent, not for an account, not again by a list; the person cannot be enabled there.
    expect((await failure(createUnit(root.db, { name: "旅游局下属", parentId: merged.id })))?.message).toBe(
      "上级单位“县旅游局”已归档，请选择其他单位（或先恢复它）",
    );
    expect(
      (
        await failure(
          createAccount(root.db, { username: "lvyou2", name: "", password: "first-password", role: "filler", unitId: merged.id }),
        )
      )?.message,
    ).toBe("单位“县旅游局”已归档，请选择其他单位");
    expect((await failure(createUnitsFromList(root.db, "县旅游局", { parentId: top.id })))?.message).toBe(
      "第 1 行：单位“县旅游局”已归档，请先在单位列表中恢复它",
    );
    expect((await failure(setAccountDisabled(root.db, person.id, false, admin)))?.message).toBe(
      "lvyou 所在的单位“县旅游局”已归档：请先把他调到其他单位再启用",
    );
    expect((await failure(createUnit(root.db, { name: "县旅游局" })))?.message).toBe(
      "已有名为“县旅游局”的单位（已归档，可在单位列表中恢复）",
    );
    await restoreUnit(root.db, merged.id, admin);
    expect(activeUnits(await listUnits(root.db)).some((unit) => unit.id === merged.id)).toBe(true);
    const log = (await listAdminActions(root.db)).map((entry) => entry.detail);
    expect(log).toContain("删除单位“临时机构”（没有报告和账号）");
    expect(log).toContain("移除单位“县旅游局”：有1 份报告、1 个已停用的账号，已归档（报告仍可查阅）");
    expect(log).toContain("停用账号 lvyou（旅游局填报人）");
    expect(log).toContain("恢复已归档的单位“县旅游局”");
  });

  it("移除有下级单位的单位：先移走下级", async () => {
    const finance = (await listUnits(root.db)).find((unit) => unit.name === "县财政局")!;
    const error = await failure(removeUnit(root.db, finance.id, admin));
    expect(error?.status).toBe(409);
    expect(error?.message).toContain("“县财政局”下还有单位（");
  });

  it("改账号的单位和角色：记入管理记录；不能改自己的角色；不会没有可用的管理员", async () => {
    const education = (await listUnits(root.db)).find((unit) => unit.name === "县教育局")!;
    const first = await createAccount(root.db, {
      username: "guanli1",
      name: "管理员一",
      password: "first-password",
      role: "admin",
      unitId: top.id,
    });
    const firstActor: Actor = { userId: first.id, username: "guanli1", name: "管理员一", role: "admin", unitId: top.id };
    const person = await createAccount(root.db, {
      username: "zhangsan",
      name: "张三",
      password: "first-password",
      role: "filler",
      unitId: top.id,
    });
    const changed = await updateAccount(root.db, person.id, { unitId: education.id, role: "reviewer" }, firstActor);
    expect(changed).toMatchObject({ unitId: education.id, role: "reviewer" });
    expect((await failure(updateAccount(root.db, first.id, { role: "filler" }, firstActor)))?.message).toBe(
      "不能修改自己的角色：请由另一位管理员修改",
    );
    // The only other administrator (lvyou's office has none): demoting guanli1 by someone else is refused while it is the last.
    expect((await failure(updateAccount(root.db, first.id, { role: "filler" }, admin)))?.message).toBe(
      "这样就没有可用的管理员了：请先让另一个人成为管理员（或启用其账号）",
    );
    expect((await failure(setAccountDisabled(root.db, first.id, true, admin)))?.status).toBe(409);
    await updateAccount(root.db, person.id, { role: "admin" }, firstActor);
    await updateAccount(root.db, first.id, { role: "filler" }, { ...firstActor, userId: person.id, username: "zhangsan" });
    const log = (await listAdminActions(root.db)).map((entry) => [entry.userName, entry.detail]);
    expect(log).toContainEqual([
      "管理员一（guanli1）",
      "修改账号 zhangsan（张三）：单位由“平潭县人民政府”改为“县教育局”；角色由填报人改为审核人",
    ]);
  });
});
