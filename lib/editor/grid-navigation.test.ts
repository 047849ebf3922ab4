import { describe, expect, it } from "vitest";
import { activeDisclosureCellId, applicationsCellId, reviewsLitigationCellId, tableGrids } from "@/lib/format";
import { gridNavigation } from "./grid-navigation";

describe("gridNavigation", () => {
  const applications = gridNavigation(tableGrids.s3);

  it("moves like a spreadsheet in 表三", () => {
    const start = applicationsCellId("new", "natural_person");
    expect(applications.get(start)).toMatchObject({
      up: undefined,
      left: undefined,
      down: applicationsCellId("carried_over", "natural_person"),
      right: applicationsCellId("new", "commercial_enterprise"),
      next: applicationsCellId("new", "commercial_enterprise"),
    });
  });

  it("wraps Tab from the end of a row to the start of the next, over the computed 总计", () => {
    const lastEntered = applicationsCellId("new", "other_organization");
    expect(applications.get(lastEntered)?.next).toBe(applicationsCellId("carried_over", "natural_person"));
    expect(applications.get(applications.get(lastEntered)!.next!)?.previous).toBe(lastEntered);
    expect(applications.get(applicationsCellId("carried_forward", "other_organization"))?.next).toBeUndefined();
  });

  it("passes over computed cells with every key: 总计 column, （七）总计 row", () => {
    const computed = new Set([
      ...["new", "carried_over", "granted", "results_total", "carried_forward"].map((row) => applicationsCellId(row, "total")),
      applicationsCellId("results_total", "natural_person"),
    ]);
    for (const moves of applications.values())
      for (const target of Object.values(moves)) expect(computed.has(target!)).toBe(false);
    expect(applications.get(applicationsCellId("new", "other_organization"))?.right).toBeUndefined();
    expect(applications.get(applicationsCellId("other.other", "natural_person"))?.down).toBe(
      applicationsCellId("carried_forward", "natural_person"),
    );
  });

  it("treats a merged 表二 cell as one stop and skips caption rows going down", () => {
    const disclosure = gridNavigation(tableGrids.s2);
    expect(disclosure.get(activeDisclosureCellId("normative_documents", "repealed"))?.down).toBe(
      activeDisclosureCellId("licensing", "decisions"),
    );
    expect(disclosure.get(activeDisclosureCellId("licensing", "decisions"))?.up).toBe(
      activeDisclosureCellId("normative_documents", "issued"),
    );
    expect(disclosure.get(activeDisclosureCellId("penalties", "decisions"))?.right).toBeUndefined();
  });

  it("runs along the single row of 表四", () => {
    const reviews = gridNavigation(tableGrids.s4);
    expect(reviews.get(reviewsLitigationCellId("review.pending"))?.right).toBe(
      reviewsLitigationCellId("litigation_direct.upheld"),
    );
    expect(reviews.get(reviewsLitigationCellId("review.pending"))?.next).toBe(
      reviewsLitigationCellId("litigation_direct.upheld"),
    );
    expect(reviews.get(reviewsLitigationCellId("review.total"))?.down).toBeUndefined();
  });
});
