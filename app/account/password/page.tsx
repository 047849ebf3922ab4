export { FirstPasswordPage as default } from "@/components/auth/auth-pages";

export const dynamic = "force-dynamic";

export const metadata = { title: "修改初始密码" };
