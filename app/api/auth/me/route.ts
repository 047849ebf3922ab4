export { me as GET } from "@/lib/api/auth-routes";

export const dynamic = "force-dynamic";
