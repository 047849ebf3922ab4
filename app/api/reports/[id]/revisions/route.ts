export { listRevisions as GET } from "@/lib/api/report-routes";

export const dynamic = "force-dynamic";
