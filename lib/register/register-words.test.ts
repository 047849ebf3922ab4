import { describe, expect, it } from "vitest";
import { applicantKinds, guessApplicantKind, guessResultRow, resultRows, STILL_OPEN } from "./register-words";

describe("台账用语对应到表三的行和列（只作推荐，由用户确认）", () => {
  it("表三的每个结果行、每个申请人类型，按原标签都推荐到自己", () => {
    expect(resultRows).toHaveLength(21);
    for (const row of resultRows) {
      expect(guessResultRow(row.label), row.label).toBe(row.key);
      expect(guessResultRow(row.shortLabel), row.shortLabel).toBe(row.key);
    }
    expect(applicantKinds.map((kind) => kind.label)).toEqual([
      "自然人",
      "商业企业",
      "科研机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
    ]);
    for (const kind of applicantKinds) expect(guessApplicantKind(kind.label)).toBe(kind.key);
  });

  it("常见写法：公开、信息不存在、重复申请、不予公开-国家秘密、不予处理（重复申请）、办理中", () => {
    expect(guessResultRow("同意公开")).toBe("granted");
    expect(guessResultRow("公开")).toBe("granted");
    expect(guessResultRow("部分公开")).toBe("partially_granted");
    expect(guessResultRow("信息不存在")).toBe("unavailable.not_held");
    expect(guessResultRow("重复申请")).toBe("not_processed.duplicate");
    expect(guessResultRow("不予公开-国家秘密")).toBe("withheld.state_secret");
    expect(guessResultRow("不予公开（属于国家秘密）")).toBe("withheld.state_secret");
    expect(guessResultRow("不予处理（重复申请）")).toBe("not_processed.duplicate");
    expect(guessResultRow("其他法律行政法规禁止公开")).toBe("withheld.prohibited_by_law");
    expect(guessResultRow("逾期未缴费")).toBe("other.fee_unpaid");
    expect(guessResultRow("办理中")).toBe(STILL_OPEN);
  });

  it("说不清是哪一行的词不推荐：不予公开、无法提供、不予处理、空白", () => {
    for (const word of ["不予公开", "无法提供", "不予处理", "", "  ", "已办结"]) expect(guessResultRow(word), word).toBeNull();
  });

  it("申请人：个人、律师事务所、某某有限公司、某某大学按类型推荐；人名不推荐", () => {
    expect(guessApplicantKind("个人")).toBe("natural_person");
    expect(guessApplicantKind("北京市某某律师事务所")).toBe("legal_service_organization");
    expect(guessApplicantKind("某某科技有限公司")).toBe("commercial_enterprise");
    expect(guessApplicantKind("某某大学")).toBe("research_institution");
    expect(guessApplicantKind("某某市慈善会")).toBe("public_interest_organization");
    expect(guessApplicantKind("张三")).toBeNull();
  });
});
