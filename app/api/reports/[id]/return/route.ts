export { returnReport as POST } from "@/lib/api/workflow-routes";

export const dynamic = "force-dynamic";
