export { resetUserPassword as POST } from "@/lib/api/admin-routes";

export const dynamic = "force-dynamic";
