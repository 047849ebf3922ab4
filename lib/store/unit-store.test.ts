import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReportStore, type ReportStore, type StoreEngine } from "./report-store";
import { createScratchDatabase, probePostgres, testDatabaseUrl } from "./scratch-database";
import { createUnit, createUnitsFromList, listUnits, type Unit, UnitError } from "./unit-store";

const serverUrl = testDatabaseUrl();
const serverProblem = await probePostgres(serverUrl);

type Place = { open(): Promise<ReportStore>; dispose(): Promise<void> };

async function pglitePlace(): Promise<Place> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "nianbaotong-units-"));
  return { open: () => openReportStore({ dataDir }), dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

async function postgresPlace(): Promise<Place> {
  const scratch = await createScratchDatabase(serverUrl);
  return { open: () => openReportStore({ databaseUrl: scratch.url }), dispose: scratch.drop };
}

const cases: { engine: StoreEngine; place: () => Promise<Place>; unavailable: string | null }[] = [
  { engine: "pglite", place: pglitePlace, unavailable: null },
  { engine: "postgres", place: postgresPlace, unavailable: serverProblem },
];

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
  let location: Place;
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
});
