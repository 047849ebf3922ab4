export { AdminPage as default } from "@/components/admin/admin-page";

export const dynamic = "force-dynamic";
