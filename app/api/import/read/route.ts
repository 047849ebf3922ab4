export { readPublishedReport as POST } from "@/lib/api/import-routes";

export const dynamic = "force-dynamic";
