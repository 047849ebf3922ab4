import { z } from "zod";
import { ZReport } from "@/lib/report/report-schema";

// Input form: fields with defaults may be left out of a report file.
const schema = z.toJSONSchema(ZReport, { io: "input", unrepresentable: "any" });
process.stdout.write(`${JSON.stringify({ title: "年报通 报告 JSON（国办公开办函〔2021〕30号格式）", ...schema }, null, 2)}\n`);
