export { AccountPage as default } from "@/components/auth/auth-pages";

export const dynamic = "force-dynamic";

export const metadata = { title: "我的账号" };
