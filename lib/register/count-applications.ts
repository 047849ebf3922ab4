// 表三 counted from the register of applications (依申请公开登记台账), by the report's year:
// received in the year → 一、本年新收; received before it and open on 1 January → 二、上年结转;
// answered in the year → its result row; open on 31 December → 四、结转下年度.
import { applicationsCellId, type CellId } from "@/lib/format";
import {
  duplicateNumbers,
  isBlank,
  quoted,
  type RegisterCount,
  type RegisterRow,
  registerCount,
  type WaitingCase,
} from "./register-cases";
import { type Day, readRegisterDate } from "./register-dates";
import { applicantKinds, normaliseWord, resultRows, STILL_OPEN } from "./register-words";

/** The columns an applications register is read by. */
export type ApplicationField = "received" | "applicant" | "result" | "answered";

/** The user's confirmed meaning of the register's own words, keyed by `normaliseWord`. */
export type ApplicationWords = {
  /** result word → a row key of 三、本年度办理结果, or STILL_OPEN for 办理中 and the like */
  results: ReadonlyMap<string, string>;
  /** applicant word or name → an applicant column key */
  applicants: ReadonlyMap<string, string>;
};

/** 表三's rows 一, 二, 三's results and 四; outside the year: answered before it began or received after it ended. */
export type ApplicationsCount = RegisterCount;

/** The cells this count fills: the rows a case can be placed in × the six applicant kinds. */
export function countedApplicationCells(): CellId[] {
  const rows = ["new", "carried_over", ...resultRows.map((row) => row.key), "carried_forward"];
  return rows.flatMap((row) => applicantKinds.map((kind) => applicationsCellId(row, kind.key)));
}

export function countApplications(rows: readonly RegisterRow[], words: ApplicationWords, year: number): ApplicationsCount {
  const first: Day = `${year}-01-01`;
  const last: Day = `${year}-12-31`;
  const cases = new Map<CellId, number[]>(countedApplicationCells().map((id) => [id, []]));
  const waiting: WaitingCase[] = [];
  const duplicates = duplicateNumbers(rows);
  let outsideYear = 0;

  for (const row of rows) {
    const { received: receivedValue, answered: answeredValue, applicant, result } = row.cells;
    if ([receivedValue, answeredValue, applicant, result].every(isBlank) && row.number.trim() === "") continue;
    const reasons: string[] = [];
    const duplicate = duplicates.get(row.rowNumber);
    if (duplicate) reasons.push(duplicate);

    const received = readRegisterDate(receivedValue);
    const answered = readRegisterDate(answeredValue);
    if (received === null) reasons.push("收到日期为空");
    else if (received === "invalid") reasons.push(`收到日期${quoted(receivedValue)}不是有效的日期`);
    if (answered === "invalid") reasons.push(`答复日期${quoted(answeredValue)}不是有效的日期`);
    if (typeof received === "string" && received !== "invalid" && typeof answered === "string" && answered !== "invalid") {
      if (answered < received) reasons.push(`答复日期 ${answered} 早于收到日期 ${received}`);
    }
    if (reasons.length > 0 || received === null || received === "invalid" || answered === "invalid") {
      waiting.push({ rowNumber: row.rowNumber, number: row.number, reasons });
      continue;
    }

    const openAtStart = received < first && (answered === null || answered >= first);
    const receivedInYear = received >= first && received <= last;
    const answeredInYear = answered !== null && answered >= first && answered <= last;
    const openAtEnd = received <= last && (answered === null || answered > last);
    if (!openAtStart && !receivedInYear) {
      outsideYear += 1;
      continue;
    }

    const kind = words.applicants.get(normaliseWord(String(applicant ?? "")));
    if (isBlank(applicant)) reasons.push("申请人类型为空");
    else if (!kind) reasons.push(`申请人${quoted(applicant)}还没有对应到表三的申请人类型`);
    const resultWord = isBlank(result) ? null : words.results.get(normaliseWord(String(result)));
    if (answeredInYear) {
      if (isBlank(result)) reasons.push("已答复，但办理结果为空");
      else if (resultWord === undefined) reasons.push(`办理结果${quoted(result)}还没有对应到表三的行`);
      else if (resultWord === STILL_OPEN) reasons.push(`已有答复日期 ${answered}，但办理结果${quoted(result)}表示尚未办结`);
    } else if (answered === null && resultWord !== null && resultWord !== STILL_OPEN) {
      // A result with no date of answer cannot be placed in a year; never assumed to be this one.
      reasons.push(
        resultWord === undefined
          ? `办理结果${quoted(result)}还没有对应到表三的行（没有答复日期的，对应为“尚未办结”）`
          : `有办理结果${quoted(result)}，但没有答复日期`,
      );
    }
    const resultRow = answeredInYear && resultWord && resultWord !== STILL_OPEN ? resultWord : null;
    // A mapping names rows and columns of the format only; one that does not is never counted.
    if (kind && !cases.has(applicationsCellId("new", kind))) reasons.push(`申请人${quoted(applicant)}对应的列不在表三中`);
    if (kind && resultRow && !cases.has(applicationsCellId(resultRow, kind)))
      reasons.push(`办理结果${quoted(result)}对应的行不在表三中`);
    if (reasons.length > 0 || !kind) {
      waiting.push({ rowNumber: row.rowNumber, number: row.number, reasons });
      continue;
    }

    const place = (rowKey: string) => cases.get(applicationsCellId(rowKey, kind))!.push(row.rowNumber);
    place(openAtStart ? "carried_over" : "new");
    if (resultRow) place(resultRow);
    if (openAtEnd) place("carried_forward");
  }

  return registerCount(cases, waiting, outsideYear);
}
