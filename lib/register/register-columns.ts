// Which column of a register holds what: guessed from its header names, confirmed by the user,
// and kept per unit for next year. The words are how offices head their 台账 columns.

/** A field a register is read by, with the header names that usually stand for it, best first. */
export type RegisterFieldDefinition<Field extends string> = {
  field: Field;
  /** The field's name in the mapping screen and in messages. */
  label: string;
  required: boolean;
  headers: readonly string[];
};

export const applicationRegisterFields = [
  { field: "number", label: "编号", required: false, headers: ["编号", "申请编号", "登记号", "受理号", "受理编号", "序号"] },
  {
    field: "received",
    label: "收到日期",
    required: true,
    headers: [
      "收到日期",
      "受理日期",
      "收到申请日期",
      "申请日期",
      "登记日期",
      "收件日期",
      "接收日期",
      "收到时间",
      "受理时间",
      "申请时间",
    ],
  },
  {
    field: "applicant",
    label: "申请人类型",
    required: true,
    headers: ["申请人类型", "申请人性质", "申请人类别", "申请主体类型", "申请主体", "申请人"],
  },
  {
    field: "result",
    label: "办理结果",
    required: true,
    headers: ["办理结果", "答复结果", "处理结果", "答复类型", "办理情况", "答复情况", "处理情况", "答复意见"],
  },
  {
    field: "answered",
    label: "答复日期",
    required: true,
    headers: ["答复日期", "办结日期", "答复时间", "办结时间", "回复日期", "告知日期", "出具日期"],
  },
] as const satisfies readonly RegisterFieldDefinition<string>[];

export const reviewRegisterFields = [
  { field: "number", label: "编号", required: false, headers: ["编号", "案号", "案件编号", "序号"] },
  {
    field: "received",
    label: "收到（立案）日期",
    required: true,
    headers: ["收到日期", "立案日期", "受理日期", "收案日期", "起诉日期", "申请日期", "收到时间", "立案时间"],
  },
  { field: "kind", label: "案件类型", required: true, headers: ["案件类型", "案件类别", "类型", "类别", "案由类型"] },
  {
    field: "result",
    label: "审理结果",
    required: true,
    headers: ["审理结果", "复议结果", "判决结果", "裁判结果", "结案结果", "办理结果", "结果"],
  },
  {
    field: "closed",
    label: "结案日期",
    required: false,
    headers: ["结案日期", "审结日期", "办结日期", "决定日期", "判决日期", "结案时间"],
  },
] as const satisfies readonly RegisterFieldDefinition<string>[];

/** A header cell as compared: no spaces, no line breaks, no marks like ＊ or （必填）. */
const headerKey = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[\s*＊:：]/g, "");

/**
 * Each field's column, by header name: an exact name first, then a header that contains one of the
 * names; every column serves one field at most, and a field no header names stays null (the user picks).
 */
export function guessColumns<Field extends string>(
  headers: readonly string[],
  fields: readonly RegisterFieldDefinition<Field>[],
): Record<Field, number | null> {
  const keys = Array.from(headers, (header) => headerKey(header ?? ""));
  const taken = new Set<number>();
  const mapping = {} as Record<Field, number | null>;
  for (const definition of fields) mapping[definition.field] = null;
  for (const exact of [true, false]) {
    for (const definition of fields) {
      if (mapping[definition.field] !== null) continue;
      for (const name of definition.headers) {
        const index = keys.findIndex((key, at) => !taken.has(at) && key !== "" && (exact ? key === name : key.includes(name)));
        if (index >= 0) {
          mapping[definition.field] = index;
          taken.add(index);
          break;
        }
      }
    }
  }
  return mapping;
}

/** How many fields a row's cells would name: the header row is the first that names at least two. */
export function headerScore(cells: readonly unknown[], fields: readonly RegisterFieldDefinition<string>[]): number {
  const headers = Array.from(cells, (cell) => (typeof cell === "string" ? cell : ""));
  return Object.values(guessColumns(headers, fields)).filter((index) => index !== null).length;
}
