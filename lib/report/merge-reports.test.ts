import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { mergeReports, withValueAt } from "./merge-reports";

const seed001 = () => structuredClone(seedReports()[1]!.report);

describe("mergeReports", () => {
  it("keeps a table edited on one page and 五 edited on the other", () => {
    const base = seed001();
    const mine = structuredClone(base);
    mine.ledger["s2.regulations.issued"] = 99;
    const theirs = structuredClone(base);
    theirs.narrative.problems.body = "一是公开内容更新不够及时。";
    const { merged, conflicts } = mergeReports(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.ledger["s2.regulations.issued"]).toBe(99);
    expect(merged.narrative.problems.body).toBe("一是公开内容更新不够及时。");
  });

  it("takes a change made alike on both sides (a save of its own it did not see answered) without a conflict", () => {
    const base = seed001();
    const mine = structuredClone(base);
    mine.narrative.problems.body = "同一句话。";
    mine.ledger["s4.review.upheld"] = 3;
    const theirs = structuredClone(mine);
    expect(mergeReports(base, mine, theirs)).toEqual({ merged: mine, conflicts: [] });
  });

  it("names a cell or field changed differently on both sides, with the three values, and leaves the stored value until chosen", () => {
    const base = seed001();
    const mine = structuredClone(base);
    mine.ledger["s3.new.natural_person"] = 11;
    mine.info.agencyName = "甲县人民政府";
    const theirs = structuredClone(base);
    theirs.ledger["s3.new.natural_person"] = 12;
    theirs.info.compilingOffice.phone = "0731-1234567";
    const { merged, conflicts } = mergeReports(base, mine, theirs);
    expect(conflicts).toEqual([
      { path: ["ledger", "s3.new.natural_person"], base: base.ledger["s3.new.natural_person"], mine: 11, theirs: 12 },
    ]);
    expect(merged.ledger["s3.new.natural_person"]).toBe(12);
    expect(merged.info.agencyName).toBe("甲县人民政府");
    expect(merged.info.compilingOffice.phone).toBe("0731-1234567");
    const settled = withValueAt(merged, conflicts[0]!.path, 11);
    expect(settled.ledger["s3.new.natural_person"]).toBe(11);
  });

  it("merges the topics of 一 item by item, and a cell filled on one side only", () => {
    const base = seed001();
    const mine = structuredClone(base);
    mine.narrative.overview.topics[0]!.body = "本页改写的主动公开。";
    delete mine.ledger["s4.review.upheld"];
    const theirs = structuredClone(base);
    theirs.narrative.overview.topics[1]!.body = "另一页改写的依申请公开。";
    const { merged, conflicts } = mergeReports(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.narrative.overview.topics.map((topic) => topic.body).slice(0, 2)).toEqual([
      "本页改写的主动公开。",
      "另一页改写的依申请公开。",
    ]);
    expect(merged.ledger["s4.review.upheld"]).toBeUndefined();
  });
});

describe("withValueAt", () => {
  it("sets a cell (whose id has dots) or a field without touching the report it is given", () => {
    const report = seed001();
    const changed = withValueAt(report, ["narrative", "problems", "body"], "新的。");
    expect(changed.narrative.problems.body).toBe("新的。");
    expect(report.narrative.problems.body).not.toBe("新的。");
  });
});
