export { withdrawReport as POST } from "@/lib/api/workflow-routes";

export const dynamic = "force-dynamic";
