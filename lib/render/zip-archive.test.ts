import { describe, expect, it } from "vitest";
import { centralDirectory } from "./test-support/zip-entries";
import { windowsText, zipForWindows } from "./zip-archive";

describe("ZIP for Chinese Windows", () => {
  it("writes names Explorer reads in the GBK code page, with the UTF-8 name in the Unicode Path field", async () => {
    const names = ["湘潭县人民政府.pdf", "花石镇人民政府（草稿）.pdf", "未包含的单位.txt"];
    const zip = await zipForWindows(names.map((name) => ({ name, content: "x" })));
    const entries = centralDirectory(zip);
    expect(entries.map((entry) => new TextDecoder("gbk").decode(entry.rawName))).toEqual(names);
    expect(entries.map((entry) => entry.unicodePath)).toEqual(names);
    // No UTF-8 flag: it would tell newer tools to read the GBK bytes as UTF-8.
    expect(entries.every((entry) => (entry.flags & 0x0800) === 0)).toBe(true);
  });

  it("keeps a name with a character outside GBK readable through the Unicode Path field", async () => {
    const [entry] = centralDirectory(await zipForWindows([{ name: "𠀀乡人民政府.pdf", content: "x" }]));
    expect(entry!.unicodePath).toBe("𠀀乡人民政府.pdf");
    expect(new TextDecoder("gb18030").decode(entry!.rawName)).toBe("𠀀乡人民政府.pdf");
  });

  it("writes text files with a BOM and CRLF so Notepad on an older Windows shows Chinese", () => {
    expect(windowsText(["甲：未建报告", "乙：已提交，尚未发布"])).toBe("\uFEFF甲：未建报告\r\n乙：已提交，尚未发布\r\n");
  });
});
