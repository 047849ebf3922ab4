import { Fragment, Slice } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { narrativeFields, narrativeTemplates, templateText } from "@/lib/narrative";
import {
  cleanPastedSlice,
  docToText,
  figureNode,
  joinWrappedChinese,
  narrativeSchema,
  sliceText,
  textOffsetToPos,
  textToDoc,
} from "./narrative-doc";

const paragraph = (...content: (string | ReturnType<typeof figureNode>)[]) =>
  narrativeSchema.nodes.paragraph!.create(
    null,
    content.filter((item) => item !== "").map((item) => (typeof item === "string" ? narrativeSchema.text(item) : item)),
  );
const lineBreak = () => narrativeSchema.nodes.line_break!.create();

describe("narrative document ↔ stored text", () => {
  const texts = [
    "",
    "一段。",
    "第一段\n第二段",
    "\n\n前有两个空行",
    "末尾空行\n",
    "本年度共收到申请{{fig:s3.received.total}}件，办结{{fig:s3.results_total.total}}件。",
    "{{fig:s3.new.total}}",
    "写法有空格{{fig: s3.new.total }}也原样保存",
    "指向不存在的数字{{fig:s9.nothing}}也保留",
    "文号国办公开办函〔2021〕30号、{{不是引用}}、{{fig:}}",
    "表情😀和全角　空格\t制表符",
    ...narrativeTemplates.map(templateText),
  ];

  it.each(texts)("keeps %j exactly", (text) => {
    expect(docToText(textToDoc(text))).toBe(text);
  });

  it("keeps every narrative field of the five seed reports exactly", () => {
    for (const { report } of seedReports()) {
      for (const field of narrativeFields(report)) expect(docToText(textToDoc(field.text))).toBe(field.text);
    }
  });

  it("makes one paragraph a line and one chip a reference", () => {
    const doc = textToDoc("申请{{fig:s3.new.total}}件\n第二段");
    expect(doc.childCount).toBe(2);
    const first = doc.child(0);
    expect(first.childCount).toBe(3);
    expect(first.child(1).type.name).toBe("figure");
    expect(first.child(1).attrs.figureId).toBe("s3.new.total");
    expect(doc.child(1).textContent).toBe("第二段");
  });
});

describe("text offsets → document positions", () => {
  const text = "共{{fig:s3.received.total}}件，其中新收5件。\n第二段{{fig:s3.new.total}}\n末段";
  const doc = textToDoc(text);
  const textBefore = (pos: number) => docToText(narrativeSchema.node("doc", null, doc.slice(0, pos).content));

  it("maps every offset outside a reference to the position with the same text before it", () => {
    const references = [...text.matchAll(/\{\{fig:[^{}]*\}\}/g)].map((match) => [match.index, match.index + match[0].length]);
    for (let offset = 0; offset <= text.length; offset += 1) {
      if (references.some(([start, end]) => offset > start! && offset < end!)) continue;
      expect(textBefore(textOffsetToPos(doc, offset)), `offset ${offset}`).toBe(text.slice(0, offset));
    }
  });

  it("widens an offset inside a reference to the whole chip", () => {
    const start = text.indexOf("{{fig:s3.received");
    const inside = start + 5;
    expect(textBefore(textOffsetToPos(doc, inside, -1))).toBe(text.slice(0, start));
    expect(textBefore(textOffsetToPos(doc, inside, 1))).toBe(text.slice(0, text.indexOf("件")));
  });

  it("maps the range of a stated figure onto its digits", () => {
    const start = text.indexOf("5件");
    const from = textOffsetToPos(doc, start);
    const to = textOffsetToPos(doc, start + 1, 1);
    expect(doc.textBetween(from, to)).toBe("5");
  });

  it("clamps offsets past the end to the end of the last paragraph", () => {
    expect(textOffsetToPos(doc, text.length + 10)).toBe(doc.content.size - 1);
  });
});

describe("pasted content", () => {
  it("keeps paragraphs, turns <br> into new paragraphs and drops Word's empty paragraphs and layout spaces", () => {
    const slice = new Slice(
      Fragment.from([
        paragraph("\u3000\u3000本年度，我县", "深入推进政务公开。\u00a0"),
        paragraph("\u00a0"),
        paragraph("一是加强组织领导；", lineBreak(), "二是完善制度。"),
      ]),
      0,
      0,
    );
    const cleaned = cleanPastedSlice(slice, true);
    expect(cleaned.openStart).toBe(1);
    expect(cleaned.openEnd).toBe(1);
    expect(sliceText(cleaned, () => "")).toBe("本年度，我县深入推进政务公开。\n一是加强组织领导；\n二是完善制度。");
    cleaned.content.forEach((node) => {
      expect(node.type.name).toBe("paragraph");
    });
  });

  it("keeps a plain-text paste as typed, tabs as spaces and without control characters", () => {
    const slice = new Slice(Fragment.from([paragraph("  缩进\t保留\u0000"), paragraph("")]), 1, 1);
    expect(sliceText(cleanPastedSlice(slice, false), () => "")).toBe("  缩进 保留\n");
  });

  it("keeps chips copied from another field", () => {
    const slice = new Slice(Fragment.from([paragraph("共", figureNode("s3.new.total"), "件")]), 1, 1);
    const cleaned = cleanPastedSlice(slice, true);
    expect(sliceText(cleaned, (id) => `[${id}]`)).toBe("共[s3.new.total]件");
  });

  it("joins a line wrapped between Chinese characters in the HTML source, and nothing else", () => {
    expect(joinWrappedChinese("<p>本年度共收到政府信息\r\n公开申请</p>")).toBe("<p>本年度共收到政府信息公开申请</p>");
    expect(joinWrappedChinese("<p>办结。\n  其中</p>")).toBe("<p>办结。其中</p>");
    expect(joinWrappedChinese("<p>open\ndata</p>\n<p>下一段</p>")).toBe("<p>open\ndata</p>\n<p>下一段</p>");
  });
});

describe("plain text broken at the source's line ends", () => {
  it("joins the lines of one paragraph; a numbered item or a blank line starts the next", () => {
    const lines = [
      "主要通过政府门户网站主动公开政府",
      "文件，及时发布政策解读。",
      "二是加强依申请公开",
      "办理。",
      "",
      "三是做好培训。",
    ];
    const slice = new Slice(Fragment.from(lines.map((line) => paragraph(line))), 1, 1);
    expect(sliceText(cleanPastedSlice(slice, false), () => "")).toBe(
      "主要通过政府门户网站主动公开政府文件，及时发布政策解读。\n二是加强依申请公开办理。\n三是做好培训。",
    );
  });
});
