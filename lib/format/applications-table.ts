import type { HeaderNode } from "./cell-types";
import { TOTAL_LABEL } from "./shared-labels";

/** 表三 applicant columns: 自然人, the five kinds of 法人或其他组织, and 总计. */
export const applicantColumnTree: readonly HeaderNode[] = [
  {
    label: "申请人情况",
    children: [
      { key: "natural_person", label: "自然人" },
      {
        label: "法人或其他组织",
        children: [
          { key: "commercial_enterprise", label: "商业企业" },
          { key: "research_institution", label: "科研机构" },
          { key: "public_interest_organization", label: "社会公益组织" },
          { key: "legal_service_organization", label: "法律服务机构" },
          { key: "other_organization", label: "其他" },
        ],
      },
      { key: "total", label: TOTAL_LABEL, sumOfPrecedingSiblings: true },
    ],
  },
];

/** 表三 rows, verbatim, with the three label levels of the national table. */
export const applicationRowTree: readonly HeaderNode[] = [
  { key: "new", label: "一、本年新收政府信息公开申请数量", shortLabel: "一、本年新收" },
  { key: "carried_over", label: "二、上年结转政府信息公开申请数量", shortLabel: "二、上年结转" },
  {
    label: "三、本年度办理结果",
    children: [
      { key: "granted", label: "（一）予以公开" },
      {
        key: "partially_granted",
        label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        shortLabel: "（二）部分公开",
      },
      {
        key: "withheld",
        label: "（三）不予公开",
        children: [
          { key: "state_secret", label: "1.属于国家秘密" },
          { key: "prohibited_by_law", label: "2.其他法律行政法规禁止公开" },
          { key: "three_safeties_one_stability", label: "3.危及“三安全一稳定”" },
          { key: "third_party_rights", label: "4.保护第三方合法权益" },
          { key: "internal_affairs", label: "5.属于三类内部事务信息" },
          { key: "process_information", label: "6.属于四类过程性信息" },
          { key: "enforcement_case_files", label: "7.属于行政执法案卷" },
          { key: "administrative_query", label: "8.属于行政查询事项" },
        ],
      },
      {
        key: "unavailable",
        label: "（四）无法提供",
        children: [
          { key: "not_held", label: "1.本机关不掌握相关政府信息" },
          { key: "needs_creation", label: "2.没有现成信息需要另行制作" },
          { key: "unclear_after_correction", label: "3.补正后申请内容仍不明确" },
        ],
      },
      {
        key: "not_processed",
        label: "（五）不予处理",
        children: [
          { key: "petition_complaint", label: "1.信访举报投诉类申请" },
          { key: "duplicate", label: "2.重复申请" },
          { key: "publication", label: "3.要求提供公开出版物" },
          { key: "excessive_repeated", label: "4.无正当理由大量反复申请" },
          { key: "confirm_or_reissue", label: "5.要求行政机关确认或重新出具已获取信息" },
        ],
      },
      {
        key: "other",
        label: "（六）其他处理",
        children: [
          {
            key: "no_correction",
            label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            shortLabel: "1.逾期不补正",
          },
          {
            key: "fee_unpaid",
            label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            shortLabel: "2.逾期未缴费",
          },
          { key: "other", label: "3.其他" },
        ],
      },
      { key: "results_total", label: "（七）总计", shortLabel: "三（七）总计", sumOfPrecedingSiblings: true },
    ],
  },
  { key: "carried_forward", label: "四、结转下年度继续办理", shortLabel: "四、结转下年度" },
];

/** The printed footnote of 表三, which is also its balance identity. */
export const applicationsFootnote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/** 第一项 + 第二项 = 第三项 + 第四项, as row keys; 第三项 is represented by （七）总计. */
export const applicationsBalance = {
  left: ["new", "carried_over"],
  right: ["results_total", "carried_forward"],
} as const;
