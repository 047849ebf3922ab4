export { getSummary as GET } from "@/lib/api/overview-routes";

export const dynamic = "force-dynamic";
