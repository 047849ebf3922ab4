export { exportReport as GET } from "@/lib/api/export-routes";

export const dynamic = "force-dynamic";
