import type { z } from "zod";
import { ZReport } from "@/lib/report/report-schema";

/** The parts of a report staff edit as text; the tables are edited cell by cell. */
export const ZReportTextForm = ZReport.pick({ info: true, narrative: true });
export type TReportTextFormInput = z.input<typeof ZReportTextForm>;
export type TReportTextForm = z.output<typeof ZReportTextForm>;
