import { describe, expect, it } from "vitest";
import { generateOpeningParagraph } from "@/lib/document";
import { reportSections } from "@/lib/format";
import { chineseNumeral } from "@/lib/report/chinese-numeral";
import { ZReportInfo } from "@/lib/report/report-schema";

const info = (input: Record<string, unknown> = {}) => ZReportInfo.parse({ agencyName: "某市某局", year: 2025, ...input });

describe("generateOpeningParagraph", () => {
  it("states the basis, the contents, and the statistics period, and nothing the report lacks", () => {
    expect(generateOpeningParagraph(info())).toBe(
      "根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，编制本报告。" +
        `全文包括${reportSections.map((section) => section.title).join("、")}，共${chineseNumeral(reportSections.length)}部分。` +
        "本报告所列数据的统计期限为2025年1月1日至12月31日。",
    );
  });

  it("adds a further basis to the list of documents", () => {
    expect(generateOpeningParagraph(info({ extraBasis: "《某省政务公开办公室关于做好年度报告工作的通知》" }))).toMatch(
      /^根据《中华人民共和国政府信息公开条例》、《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）和《某省政务公开办公室关于做好年度报告工作的通知》要求，编制本报告。/,
    );
  });

  it("says where the electronic version is, with only the parts given", () => {
    const both = info({ publicationChannel: { siteName: "某市人民政府网站", url: "www.example.gov.cn" } });
    expect(generateOpeningParagraph(both)).toContain("本报告电子版可在某市人民政府网站（www.example.gov.cn）查阅或下载。");
    const siteOnly = info({ publicationChannel: { siteName: "某市人民政府网站", url: "" } });
    expect(generateOpeningParagraph(siteOnly)).toContain("本报告电子版可在某市人民政府网站查阅或下载。");
    const urlOnly = info({ publicationChannel: { siteName: "", url: "www.example.gov.cn" } });
    expect(generateOpeningParagraph(urlOnly)).toContain("本报告电子版可在www.example.gov.cn查阅或下载。");
  });

  it("gives the contact with only the parts given, after the statistics period", () => {
    const full = generateOpeningParagraph(
      info({
        compilingOffice: {
          name: "某市某局办公室",
          address: "某市某路1号",
          postcode: "410000",
          phone: "0731-00000000",
          email: "gk@example.gov.cn",
        },
      }),
    );
    expect(full).toMatch(
      /统计期限为2025年1月1日至12月31日。如对本报告有任何疑问，请联系某市某局办公室（地址：某市某路1号；邮编：410000；电话：0731-00000000；电子邮箱：gk@example.gov.cn）。$/,
    );
    const phoneOnly = generateOpeningParagraph(info({ compilingOffice: { phone: "0731-00000000" } }));
    expect(phoneOnly).toMatch(/如对本报告有任何疑问，请联系本机关（电话：0731-00000000）。$/);
    const nameOnly = generateOpeningParagraph(info({ compilingOffice: { name: "某市某局办公室" } }));
    expect(nameOnly).toMatch(/如对本报告有任何疑问，请联系某市某局办公室。$/);
  });
});

describe("chineseNumeral", () => {
  it.each([
    [1, "一"],
    [6, "六"],
    [10, "十"],
    [11, "十一"],
    [20, "二十"],
    [21, "二十一"],
    [99, "九十九"],
  ])("%i → %s", (n, numeral) => {
    expect(chineseNumeral(n)).toBe(numeral);
  });

  it("refuses what it cannot write", () => {
    expect(() => chineseNumeral(0)).toThrow();
    expect(() => chineseNumeral(100)).toThrow();
    expect(() => chineseNumeral(1.5)).toThrow();
  });
});
