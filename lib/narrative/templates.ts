import {
  applicationsCellId,
  getApplicationRow,
  reviewsLitigationCellId,
  reviewsLitigationColumnTree,
  type SectionId,
} from "@/lib/format";
import {
  applicationResultGroups,
  type FigureId,
  figureReference,
  getLinkedFigure,
  LITIGATION_GROUP,
  RECEIVED_ROW,
  stripOrdinal,
} from "@/lib/format/linked-figures";

/** A run of fixed wording, or a linked figure. */
export type TemplatePart = string | { figureId: FigureId };

export type NarrativeTemplate = {
  id: string;
  /** What the picker shows. */
  title: string;
  /** Where the sentence usually goes: 一、总体情况's 依申请公开 topic (overviewTopics key). */
  sectionId: SectionId;
  topicKey: string;
  parts: readonly TemplatePart[];
};

const s3 = (rowKey: string) => ({ figureId: applicationsCellId(rowKey, "total") });
const term = (rowKey: string) => stripOrdinal(getApplicationRow(rowKey).label);

/** “予以公开N件、部分公开N件、……”: each named figure followed by its count. */
function listed(items: readonly { label: string; figureId: FigureId }[]): TemplatePart[] {
  return items.flatMap((item, index) => [`${index > 0 ? "、" : ""}${item.label}`, { figureId: item.figureId }, "件"]);
}

const outcomes = reviewsLitigationColumnTree[0]!.children!.filter((node) => node.key !== "total");
const reviewLabel = reviewsLitigationColumnTree[0]!.label;
const litigationLabel = reviewsLitigationColumnTree.find((node) => !node.key)!.label;
const outcomeList = (group: string) =>
  listed(outcomes.map((node) => ({ label: node.label, figureId: reviewsLitigationCellId(`${group}.${node.key}`) })));

/** The sentences every report writes about 表三 and 表四, built from linked figures. */
export const narrativeTemplates: readonly NarrativeTemplate[] = [
  {
    id: "applications",
    title: "依申请公开：收到、办结和结转的申请",
    sectionId: "overview",
    topicKey: "on_request",
    parts: [
      "本年度共收到政府信息公开申请",
      s3(RECEIVED_ROW),
      "件，其中",
      ...listed([
        { label: stripOrdinal(getApplicationRow("new").shortLabel), figureId: s3("new").figureId },
        { label: stripOrdinal(getApplicationRow("carried_over").shortLabel), figureId: s3("carried_over").figureId },
      ]),
      "；办结",
      s3("results_total"),
      "件，其中",
      ...listed([
        { label: stripOrdinal(getApplicationRow("granted").label), figureId: s3("granted").figureId },
        { label: stripOrdinal(getApplicationRow("partially_granted").shortLabel), figureId: s3("partially_granted").figureId },
        ...applicationResultGroups.map((group) => ({ label: stripOrdinal(group.label), figureId: s3(group.key!).figureId })),
      ]),
      `；${term("carried_forward")}`,
      s3("carried_forward"),
      "件。",
    ],
  },
  {
    id: "reviews_litigation",
    title: "行政复议、行政诉讼的件数和结果",
    sectionId: "overview",
    topicKey: "on_request",
    parts: [
      `本年度因政府信息公开工作被申请${reviewLabel}`,
      { figureId: reviewsLitigationCellId("review.total") },
      "件，其中",
      ...outcomeList("review"),
      `；被提起${litigationLabel}`,
      { figureId: reviewsLitigationCellId(`${LITIGATION_GROUP}.total`) },
      "件，其中",
      ...outcomeList(LITIGATION_GROUP),
      "。",
    ],
  },
];

export function getTemplate(id: string): NarrativeTemplate {
  const template = narrativeTemplates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`unknown template ${id}`);
  return template;
}

/** The template as narrative text with references, ready to insert into a field. */
export function templateText(template: NarrativeTemplate): string {
  return template.parts
    .map((part) => (typeof part === "string" ? part : figureReference(getLinkedFigure(part.figureId).id)))
    .join("");
}
