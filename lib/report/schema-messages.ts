import type { z } from "zod";

/**
 * Zod's messages in the prose staff read. Zod's own zh-CN locale says "期望 number <=2100" and
 * "实际接收 NaN"; these name what is expected in words. The field is named by the caller.
 */
const typeNames: Record<string, string> = {
  number: "数字",
  nan: "无法识别的数字",
  string: "文字",
  boolean: "“是”或“否”",
  object: "一组字段",
  array: "列表",
  null: "空值",
  undefined: "空缺",
  bigint: "数字",
};

const typeName = (type: string) => typeNames[type] ?? type;

function receivedType(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && Number.isNaN(input)) return "nan";
  return typeof input;
}

const formatNumber = (value: number | bigint) => Number(value).toLocaleString("en-US", { maximumFractionDigits: 6 });

export function schemaMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `应为${typeName(issue.expected)}，收到的是${typeName(receivedType(issue.input))}`;
    case "too_big":
      if (issue.origin === "string") return `不能超过 ${formatNumber(issue.maximum)} 个字`;
      if (issue.origin === "array") return `最多 ${formatNumber(issue.maximum)} 项`;
      return `不能大于 ${formatNumber(issue.maximum)}`;
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "不能为空" : `至少 ${formatNumber(issue.minimum)} 个字`;
      if (issue.origin === "array") return `至少 ${formatNumber(issue.minimum)} 项`;
      return `不能小于 ${formatNumber(issue.minimum)}`;
    case "invalid_format":
      return "格式不对";
    case "not_multiple_of":
      return "应为整数";
    case "unrecognized_keys":
      return `有本格式没有的字段：${issue.keys.join("、")}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `应为“${String(issue.values[0])}”`
        : `应为${issue.values.map((value) => `“${String(value)}”`).join("或")}之一`;
    case "invalid_union":
      return "内容不符合要求";
    case "invalid_key":
    case "invalid_element":
      return "内容不符合要求";
    default:
      return undefined;
  }
}
