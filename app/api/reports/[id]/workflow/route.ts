export { getWorkflow as GET } from "@/lib/api/workflow-routes";

export const dynamic = "force-dynamic";
