import seed001 from "@/examples/seed-001.json";
import { type TReport, ZReport } from "./report-schema";

/**
 * The example a newcomer can open: 湘潭县人民政府's published 2025 report (seed 001), complete
 * and passing every rule. The store keeps it as kind "example", outside the cross-year rules.
 */
export function exampleReport(): TReport {
  return ZReport.parse(seed001);
}
