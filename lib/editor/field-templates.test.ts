import { describe, expect, it } from "vitest";
import { narrativeTemplates } from "@/lib/narrative/templates";
import { fieldTemplates } from "./field-templates";

describe("templates offered in a field", () => {
  it("offers the 依申请公开 sentences in that topic, however the report titles it", () => {
    const onRequest = narrativeTemplates.filter((template) => template.topicKey === "on_request");
    expect(onRequest.length).toBeGreaterThan(0);
    expect(fieldTemplates("overview", "依申请公开")).toEqual(onRequest);
    expect(fieldTemplates("overview", "依申请公开情况")).toEqual(onRequest);
  });

  it("offers none in other topics, the 导语 or other sections", () => {
    expect(fieldTemplates("overview", "主动公开")).toEqual([]);
    expect(fieldTemplates("overview", null)).toEqual([]);
    expect(fieldTemplates("problems", "依申请公开")).toEqual([]);
  });
});
