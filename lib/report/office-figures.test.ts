import { describe, expect, it } from "vitest";
import { describeOutlier, markOfficeOutliers, sortByFigure, type UnitFigures, unitKind } from "./office-figures";

const NEW = "s3.new.total";
const LICENSING = "s2.licensing.decisions";

const unit = (
  unitId: string,
  figures: Record<string, number | null>,
  parentId = "county",
  kind = unitKind(unitId),
): UnitFigures => ({
  unitId,
  parentId,
  kind,
  figures,
});

describe("unitKind", () => {
  it.each([
    ["花石镇人民政府", "township"],
    ["易俗河镇", "township"],
    ["天易街道办事处", "township"],
    ["湘潭县人民政府", "government"],
    ["湘潭县财政局", "department"],
    ["湘潭县人民政府办公室", "department"],
    ["湘潭县卫生健康委员会", "department"],
    ["湘潭县政务服务中心", "department"],
  ] as const)("%s is %s", (name, kind) => {
    expect(unitKind(name)).toBe(kind);
  });
});

describe("markOfficeOutliers", () => {
  const towns = (licensing: (number | null)[], requests: (number | null)[] = licensing.map(() => 10)) =>
    licensing.map((value, index) => unit(`第${index + 1}镇`, { [LICENSING]: value, [NEW]: requests[index] ?? null }));

  it("marks a 0 where most comparable units have many", () => {
    const marks = markOfficeOutliers(towns([0, 1200, 900, 1500, 40]));
    expect([...marks.keys()]).toEqual(["第1镇"]);
    const [mark] = marks.get("第1镇")!;
    expect(mark).toMatchObject({ kind: "zero_among_many", value: 0, peerMedian: 1050, peerCount: 4 });
    expect(describeOutlier(mark!)).toBe("行政许可为 0，同一上级的同类单位（4 个）多数较多，中位数 1050");
  });

  it("marks a figure far above the comparable units' median", () => {
    const marks = markOfficeOutliers(towns([100, 120, 90, 110], [12, 8, 400, 10]));
    expect(marks.get("第3镇")).toMatchObject([{ kind: "far_above", value: 400, peerMedian: 10 }]);
    expect(describeOutlier(marks.get("第3镇")![0]!)).toBe("本年新收 400，远高于同一上级的同类单位（3 个，中位数 10）");
  });

  it("leaves ordinary spreads, small figures, few peers and other kinds or parents alone", () => {
    // ×3 of the median, and a 0 among small figures.
    expect(markOfficeOutliers(towns([300, 100, 120, 90], [0, 3, 5, 2]))).toEqual(new Map());
    // Two peers say nothing about what is usual.
    expect(markOfficeOutliers(towns([0, 1200, 900]))).toEqual(new Map());
    // A department's 0 is not compared with the towns', nor a town under another parent.
    const mixed = [
      ...towns([1200, 900, 1500]),
      unit("湘潭县财政局", { [LICENSING]: 0 }),
      unit("第9镇", { [LICENSING]: 0 }, "another county"),
    ];
    expect(markOfficeOutliers(mixed)).toEqual(new Map());
  });

  it("ignores units without the figure (no report, blank or “/”)", () => {
    expect(markOfficeOutliers(towns([0, 1200, null, 1500, null]))).toEqual(new Map());
  });
});

describe("sortByFigure", () => {
  it("sorts by one figure either way, units without it last", () => {
    const rows = towns3();
    expect(sortByFigure(rows, NEW, "desc").map((row) => row.unitId)).toEqual(["b", "a", "c"]);
    expect(sortByFigure(rows, NEW, "asc").map((row) => row.unitId)).toEqual(["a", "b", "c"]);
  });
});

function towns3() {
  return [unit("a", { [NEW]: 3 }), unit("b", { [NEW]: 9 }), unit("c", { [NEW]: null })];
}
