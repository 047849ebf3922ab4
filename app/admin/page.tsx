export { AdminPage as default } from "@/components/admin/admin-page";

export const dynamic = "force-dynamic";

export const metadata = { title: "单位和账号" };
