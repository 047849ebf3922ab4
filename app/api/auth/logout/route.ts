export { logout as POST } from "@/lib/api/auth-routes";

export const dynamic = "force-dynamic";
