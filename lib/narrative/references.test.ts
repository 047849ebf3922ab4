import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { buildReportDocument } from "@/lib/document/build-report-document";
import { figureReference, getLinkedFigure } from "@/lib/format/linked-figures";
import { deriveLedger, figureValue } from "@/lib/ledger/derive-ledger";
import { checkNarrativeFigures } from "./contradictions";
import {
  BLANK_REFERENCE_TEXT,
  parseNarrativeText,
  replaceWithReference,
  resolveReferences,
  UNKNOWN_REFERENCE_TEXT,
} from "./references";
import { getTemplate, narrativeTemplates, templateText } from "./templates";

const seed001 = seedReports()[1]!.report;
const effective = deriveLedger(seed001.ledger).effective;

describe("references in narrative text", () => {
  it("parses references with their ranges and whether the figure exists", () => {
    const text = `共收到申请${figureReference("s3.received.total")}件，另${figureReference("s9.none")}件`;
    const parts = parseNarrativeText(text);
    expect(parts.map((part) => (part.type === "text" ? part.text : [part.figureId, Boolean(part.figure)]))).toEqual([
      "共收到申请",
      ["s3.received.total", true],
      "件，另",
      ["s9.none", false],
      "件",
    ]);
    for (const part of parts)
      expect(text.slice(part.start, part.end)).toBe(part.type === "text" ? part.text : figureReference(part.figureId));
  });

  it("resolves to the number as the table prints it, a derived sum included", () => {
    expect(figureValue(getLinkedFigure("s3.received.total"), effective)).toBe(182);
    expect(
      resolveReferences(
        `收到${figureReference("s3.received.total")}件，行政事业性收费${figureReference("s2.fees.amount")}万元`,
        effective,
      ),
    ).toBe("收到182件，行政事业性收费1779.2656万元");
    expect(resolveReferences(`${figureReference("s3.nowhere.total")}件`, effective)).toBe(`${UNKNOWN_REFERENCE_TEXT}件`);
    expect(resolveReferences(`${figureReference("s3.new.total")}件`, {})).toBe(`${BLANK_REFERENCE_TEXT}件`);
  });

  it("refuses a range outside the text", () => {
    expect(() => replaceWithReference("abc", 2, 9, "s3.new.total")).toThrow();
  });
});

describe("the document model prints linked figures as plain numbers", () => {
  it("follows the table when a figure changes", () => {
    const report = structuredClone(seed001);
    report.narrative.overview.topics[1]!.body = `本年度共收到政府信息公开申请${figureReference("s3.received.total")}件。`;
    report.narrative.problems.body = `结转下年度${figureReference("s3.carried_forward.total")}件。`;
    report.info.openingParagraph = `本报告涉及申请${figureReference("s3.new.total")}件。`;
    const paragraphs = (document: ReturnType<typeof buildReportDocument>) =>
      document.blocks.flatMap((block) => (block.type === "paragraph" ? [block.text] : []));

    const before = buildReportDocument(report, { isDraft: false });
    expect(paragraphs(before)).toContain("本年度共收到政府信息公开申请182件。");
    expect(paragraphs(before)).toContain("结转下年度9件。");
    expect(before.opening).toEqual(["本报告涉及申请177件。"]);

    report.ledger["s3.new.natural_person"] = 184;
    report.ledger["s3.new.total"] = 187;
    const after = buildReportDocument(report, { isDraft: false });
    expect(paragraphs(after)).toContain("本年度共收到政府信息公开申请192件。");
    expect(paragraphs(after).join("")).not.toContain("{{fig:");
  });
});

describe("templates", () => {
  it("builds 依申请公开's sentence from linked figures", () => {
    const text = templateText(getTemplate("applications"));
    expect(text.startsWith(`本年度共收到政府信息公开申请${figureReference("s3.received.total")}件，其中本年新收`)).toBe(true);
    expect(text).toContain(`办结${figureReference("s3.results_total.total")}件`);
    expect(text).toContain(`；结转下年度继续办理${figureReference("s3.carried_forward.total")}件。`);
    expect(resolveReferences(text, effective)).toBe(
      "本年度共收到政府信息公开申请182件，其中本年新收177件、上年结转5件；办结173件，其中予以公开57件、部分公开30件、" +
        "不予公开14件、无法提供48件、不予处理1件、其他处理23件；结转下年度继续办理9件。",
    );
  });

  it("builds 四's sentence with 维持、纠正 … for 复议 and 诉讼", () => {
    expect(resolveReferences(templateText(getTemplate("reviews_litigation")), effective)).toBe(
      "本年度因政府信息公开工作被申请行政复议77件，其中结果维持37件、结果纠正19件、其他结果4件、尚未审结17件；" +
        "被提起行政诉讼32件，其中结果维持29件、结果纠正0件、其他结果2件、尚未审结1件。",
    );
  });

  it.each(narrativeTemplates.map((template) => [template.id, template] as const))(
    "%s agrees with the tables, linked or typed out",
    (_, template) => {
      for (const body of [templateText(template), resolveReferences(templateText(template), effective)]) {
        const report = structuredClone(seed001);
        report.narrative.overview.topics[1]!.body = body;
        expect(checkNarrativeFigures(report)).toEqual([]);
      }
    },
  );

  it("a typed-out template that no longer matches the table is found, figure by figure", () => {
    const report = structuredClone(seed001);
    report.narrative.overview.topics[1]!.body = resolveReferences(templateText(getTemplate("reviews_litigation")), effective);
    report.ledger["s4.review.upheld"] = 36;
    report.ledger["s4.review.total"] = 76;
    expect(checkNarrativeFigures(report).map((item) => [item.location?.figureId, item.expected, item.actual])).toEqual([
      ["s4.review.total", 76, 77],
      ["s4.review.upheld", 36, 37],
    ]);
  });
});
