import { describe, expect, it } from "vitest";
import { malformedPathAnswer } from "./malformed-path";

describe("网址中无效的百分号编码", () => {
  it("接口：400 和中文 JSON 说明", () => {
    const answer = malformedPathAnswer("/api/reports/%ff/workflow?x=1");
    expect(answer?.status).toBe(400);
    expect(answer?.contentType).toContain("application/json");
    expect((JSON.parse(answer!.body) as { message: string }).message).toContain("网址有误");
  });

  it("页面：400 和中文页面", () => {
    const answer = malformedPathAnswer("/reports/%E4%B8%AD%ff/history");
    expect(answer?.status).toBe(400);
    expect(answer?.contentType).toContain("text/html");
    expect(answer?.body).toContain("网址有误");
  });

  it("有效的编码和查询中的 %ff 不受影响（查询由各接口自己判断）", () => {
    expect(malformedPathAnswer("/reports/%E4%B8%AD")).toBeNull();
    expect(malformedPathAnswer("/overview?year=%ff")).toBeNull();
    expect(malformedPathAnswer("/")).toBeNull();
  });
});
