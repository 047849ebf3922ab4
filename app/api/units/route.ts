export { getUnits as GET, postUnits as POST } from "@/lib/api/admin-routes";

export const dynamic = "force-dynamic";
