import type { TableId } from "./cell-types";

export type SectionId = "overview" | "active_disclosure" | "applications" | "reviews_litigation" | "problems" | "other_matters";

export type SectionDefinition = {
  id: SectionId;
  ordinal: string;
  title: string;
  /** The national table printed in this section, if any. */
  tableId: TableId | null;
  hint: string;
};

/** The six sections of 国办公开办函〔2021〕30号, in their fixed order. */
export const reportSections: readonly SectionDefinition[] = [
  {
    id: "overview",
    ordinal: "一",
    title: "总体情况",
    tableId: null,
    hint: "综述本机关贯彻落实《中华人民共和国政府信息公开条例》情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等。",
  },
  {
    id: "active_disclosure",
    ordinal: "二",
    title: "主动公开政府信息情况",
    tableId: "s2",
    hint: "按第二十条第（一）（五）（六）（八）项填报本年数据。",
  },
  {
    id: "applications",
    ordinal: "三",
    title: "收到和处理政府信息公开申请情况",
    tableId: "s3",
    hint: "按申请人类型填报本年新收、上年结转、办理结果和结转下年度的申请件数。",
  },
  {
    id: "reviews_litigation",
    ordinal: "四",
    title: "政府信息公开行政复议、行政诉讼情况",
    tableId: "s4",
    hint: "填报因政府信息公开工作被申请行政复议、提起行政诉讼的件数及结果。",
  },
  {
    id: "problems",
    ordinal: "五",
    title: "存在的主要问题及改进情况",
    tableId: null,
    hint: "如实写明本年度工作存在的主要问题、原因和具体改进措施，不宜只写“无”。",
  },
  {
    id: "other_matters",
    ordinal: "六",
    title: "其他需要报告的事项",
    tableId: null,
    hint: "如信息处理费收取情况（发出收费通知的件数和金额、实际收取的金额）及其他需要报告的事项。",
  },
];

export function sectionHeading(section: SectionDefinition): string {
  return `${section.ordinal}、${section.title}`;
}

export function getSection(id: SectionId): SectionDefinition {
  const section = reportSections.find((candidate) => candidate.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}

export type OverviewTopicDefinition = { key: string; title: string; hint: string };

/** The five customary sub-topics of 一、总体情况 named by the format text. */
export const overviewTopics: readonly OverviewTopicDefinition[] = [
  {
    key: "proactive",
    title: "主动公开",
    hint: "本年主动公开信息的数量、渠道，重点领域信息公开、政策解读和回应关切情况。",
  },
  {
    key: "on_request",
    title: "依申请公开",
    hint: "收到和办理政府信息公开申请的总体情况、办理流程和答复质量；所引数字须与表三一致。",
  },
  {
    key: "information_management",
    title: "政府信息管理",
    hint: "信息发布审核、保密审查、规范性文件清理、主动公开目录维护等。",
  },
  {
    key: "platform",
    title: "政府信息公开平台建设",
    hint: "政府网站信息公开专栏、政务新媒体、公开查阅点等平台的建设和运维。",
  },
  {
    key: "oversight",
    title: "监督保障",
    hint: "组织领导、教育培训、考核评议、社会评议和责任追究结果等。",
  },
];
