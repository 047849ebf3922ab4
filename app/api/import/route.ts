export { importReport as POST } from "@/lib/api/import-routes";

export const dynamic = "force-dynamic";
