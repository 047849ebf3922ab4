import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { fromFormValues, toFormValues } from "./form-values";

const seed001 = seedReports()[1]!.report;

describe("form values", () => {
  it("round-trips a report through the forms unchanged", () => {
    const { info, narrative, rejections } = fromFormValues(toFormValues(seed001));
    expect(info).toEqual(seed001.info);
    expect(narrative).toEqual(seed001.narrative);
    expect(rejections).toEqual({});
  });

  it("never fails: an empty 机关全称 and a 年度 of “20x6” still give the rest of the text", () => {
    const values = toFormValues(seed001);
    values.info.agencyName = "";
    values.info.year = "20x6";
    values.narrative.problems.body = "新写的问题";
    const { info, narrative, rejections } = fromFormValues(values);
    expect(info.agencyName).toBe("");
    expect(info.year).toBeNull();
    expect(narrative.problems.body).toBe("新写的问题");
    expect(rejections).toEqual({ "info.year": "20x6" });
    // The refused text shows again in the form.
    expect(toFormValues({ ...seed001, info }, rejections).info.year).toBe("20x6");
  });

  it("reads full-width and 年 years and 元 amounts; drops NUL and lone surrogates from texts", () => {
    const values = toFormValues(seed001);
    values.info.year = "２０２５年";
    values.narrative.other_matters.processingFees.noticedAmount = "１,２００元";
    values.narrative.other_matters.processingFees.noticesIssued = "3件";
    values.narrative.problems.body = "问题\u0000一\uD800二";
    const { info, narrative, rejections } = fromFormValues(values);
    expect(info.year).toBe(2025);
    expect(narrative.other_matters.processingFees).toMatchObject({ noticedAmount: 1200, noticesIssued: 3 });
    expect(narrative.problems.body).toBe("问题一二");
    expect(rejections).toEqual({});
  });

  it("refuses a fee text that is not a figure, naming the field in Chinese prose", () => {
    const values = toFormValues(seed001);
    values.narrative.other_matters.processingFees.collectedAmount = "约100";
    expect(fromFormValues(values).rejections).toEqual({ "narrative.other_matters.processingFees.collectedAmount": "约100" });
  });
});
