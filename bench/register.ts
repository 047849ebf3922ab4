import { countApplications } from "@/lib/register/count-applications";
import type { RegisterRow } from "@/lib/register/register-cases";
import { applicantKinds, normaliseWord, resultRows } from "@/lib/register/register-words";
import { formatTiming, measure } from "./measure";

/** A register of 10,000 invented applications over three years, counted for 2025 (issue: under 1 s). */
export async function benchRegister(): Promise<string[]> {
  const rows: RegisterRow[] = [];
  for (let index = 0; index < 10_000; index += 1) {
    const received = new Date(Date.UTC(2024, 0, 1 + ((index * 37) % 1000)));
    const answered = index % 7 === 0 ? "" : new Date(received.getTime() + ((index * 13) % 40) * 86_400_000);
    rows.push({
      rowNumber: index + 2,
      number: `YS-${index}`,
      cells: {
        received,
        answered,
        applicant: applicantKinds[index % applicantKinds.length]!.label,
        result: answered === "" ? "" : resultRows[index % resultRows.length]!.shortLabel,
      },
    });
  }
  const words = {
    results: new Map(resultRows.map((row) => [normaliseWord(row.shortLabel), row.key] as const)),
    applicants: new Map(applicantKinds.map((kind) => [normaliseWord(kind.label), kind.key] as const)),
  };
  const timing = await measure(() => countApplications(rows, words, 2025), 20, 3);
  return [formatTiming("台账一万行数出表三", timing, "", "median < 1 s")];
}
