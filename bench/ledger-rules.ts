import { seedReports } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatTiming, measure } from "./measure";

/** All rules over a full ledger (seed 001, 湘潭县人民政府 2025), as on every keystroke. */
export async function benchLedgerRules(): Promise<string[]> {
  const seed001 = seedReports()[1]!.report;
  const runs = 20_000;
  const rules = await measure(() => checkReport(seed001), runs, 1_000);
  const derive = await measure(() => deriveLedger(seed001.ledger), runs, 1_000);
  return [formatTiming("全部规则校验（种子001）", rules, "", "median ≤ 126 µs"), formatTiming("合计推导（种子001）", derive)];
}
