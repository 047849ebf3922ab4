// The register's own words for results and applicants, matched to the national rows and columns.
// A guess is only ever offered to the user to confirm; counting uses the confirmed mapping alone.
import { applicantColumns, applicationRows, type HeaderLeaf } from "@/lib/format";

/** The result rows a case can end in: every leaf of 三、本年度办理结果 but its （七）总计. */
export const resultRows: readonly HeaderLeaf[] = applicationRows.filter((row) => row.ancestors.length > 0 && row.sumOf === null);

/** The applicant columns a case is counted in: the six kinds, not 总计. */
export const applicantKinds: readonly HeaderLeaf[] = applicantColumns.filter((column) => column.sumOf === null);

/** What a register's result word maps to when the case is not finished: 办理中, 未办结 … */
export const STILL_OPEN = "open";

/** Strips what makes two spellings of one word differ: spaces, dashes, brackets, 顿号, full/half width. */
export function normaliseWord(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\-—–_·•、，,：:；;/\\()（）[\]【】“”"'‘’]/g, "")
    .trim();
}

/** A label without its numbering (（三）, 1., 一、) and the 属于 that opens many 不予公开 reasons. */
const labelCore = (label: string) =>
  normaliseWord(label.replace(/^[（(][一二三四五六七八九十]+[）)]|^[0-9]+\.|^[一二三四五六七八九十]+、/, "")).replace(
    /^属于/,
    "",
  );

/**
 * Words offices write in their registers for a result, beyond the national labels themselves
 * (which match on their own). Keyed by the national row key; a test checks every key exists.
 */
const resultSynonyms: Readonly<Record<string, readonly string[]>> = {
  granted: ["公开", "同意公开", "予以公开", "全部公开", "已公开", "准予公开", "提供"],
  partially_granted: ["部分提供", "区分处理"],
  "withheld.prohibited_by_law": ["法律法规禁止", "法律行政法规禁止公开"],
  "withheld.three_safeties_one_stability": ["三安全一稳定", "危及三安全一稳定"],
  "withheld.third_party_rights": ["第三方合法权益", "第三方权益", "涉及第三方", "商业秘密", "个人隐私"],
  "unavailable.not_held": ["信息不存在", "不存在", "不掌握", "本机关不掌握", "非本机关掌握", "非本机关政府信息"],
  "unavailable.needs_creation": ["另行制作", "需另行制作", "需要另行制作", "没有现成信息", "需加工汇总"],
  "unavailable.unclear_after_correction": ["内容不明确", "申请内容不明确", "补正后仍不明确"],
  "not_processed.petition_complaint": ["信访", "举报", "投诉", "信访举报投诉"],
  "not_processed.publication": ["公开出版物"],
  "not_processed.excessive_repeated": ["大量反复申请"],
  "not_processed.confirm_or_reissue": ["要求确认", "重新出具"],
  "other.no_correction": ["逾期不补正", "未补正", "不补正"],
  "other.fee_unpaid": ["逾期未缴费", "未缴费", "未缴纳费用"],
  "other.other": ["其他处理"],
};

/** Words for the applicant kinds beyond the column labels; names of organisations are read by their endings. */
const applicantSynonyms: Readonly<Record<string, readonly string[]>> = {
  natural_person: ["个人", "公民", "群众"],
  commercial_enterprise: ["企业", "公司"],
  research_institution: ["高校", "科研院所"],
  public_interest_organization: ["公益组织", "社会组织"],
  legal_service_organization: ["律师事务所", "律所", "律师"],
  other_organization: ["其他组织"],
};

/** Endings that tell what kind of organisation a name is, for registers that list the applicant's name. */
const organisationEndings: readonly (readonly [kind: string, pattern: RegExp])[] = [
  ["legal_service_organization", /(律师事务所|法律服务所|公证处|司法鉴定所)$/],
  ["research_institution", /(大学|学院|研究院|研究所|研究中心|科学院)$/],
  ["public_interest_organization", /(协会|基金会|促进会|志愿者协会|公益服务中心|慈善会)$/],
  ["commercial_enterprise", /(公司|企业|厂|集团|商行|合作社|经营部|门市部|店)$/],
];

/** The one key whose words include `word` (already normalised), or null when none or several do. */
export function bySynonym(word: string, synonyms: Readonly<Record<string, readonly string[]>>): string | null {
  const matches = Object.entries(synonyms).filter(([, words]) => words.some((candidate) => normaliseWord(candidate) === word));
  return matches.length === 1 ? matches[0]![0] : null;
}

/**
 * The national result row a register's word most likely means, or null when it is unclear
 * (a bare 不予公开 or 无法提供 names no row): then the user is asked.
 */
export function guessResultRow(text: string): string | null {
  const word = normaliseWord(text);
  if (word === "") return null;
  // A row's own label, with or without its numbering (3.其他, （二）部分公开).
  const bare = labelCore(text);
  const exact = resultRows.filter((row) => labelCore(row.shortLabel) === bare || labelCore(row.label) === bare);
  if (exact.length === 1) return exact[0]!.key;
  const synonym = bySynonym(word, resultSynonyms);
  if (synonym) return synonym;
  if (/^(办理中|正在办理|在办|未办结|尚未办结|未答复|尚未答复|处理中|待答复|延期答复)$/.test(word)) return STILL_OPEN;
  // The word holds a row's label (不予公开-属于国家秘密 holds 国家秘密): the longest such label wins.
  const holding = resultRows
    .flatMap((row) => [labelCore(row.shortLabel), labelCore(row.label)].map((core) => ({ key: row.key, core })))
    .filter(({ core }) => core.length >= 3 && word.includes(core))
    .sort((a, b) => b.core.length - a.core.length);
  if (
    holding.length > 0 &&
    (holding.length === 1 || holding[0]!.key === holding[1]!.key || holding[0]!.core.length > holding[1]!.core.length)
  ) {
    return holding[0]!.key;
  }
  // A synonym inside a longer word (不予处理（重复申请）), when only one row's synonyms appear.
  const inside = new Set(
    Object.entries(resultSynonyms)
      .filter(([, words]) => words.some((candidate) => candidate.length >= 3 && word.includes(normaliseWord(candidate))))
      .map(([key]) => key),
  );
  return inside.size === 1 ? [...inside][0]! : null;
}

/** The applicant column a register's word or applicant name most likely belongs to, or null to ask. */
export function guessApplicantKind(text: string): string | null {
  const word = normaliseWord(text);
  if (word === "") return null;
  const byLabel = applicantKinds.filter((column) => normaliseWord(column.label) === word);
  if (byLabel.length === 1) return byLabel[0]!.key;
  const synonym = bySynonym(word, applicantSynonyms);
  if (synonym) return synonym;
  for (const [kind, pattern] of organisationEndings) if (pattern.test(word)) return kind;
  return null;
}
