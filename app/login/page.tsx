export { LoginPage as default } from "@/components/auth/auth-pages";

export const dynamic = "force-dynamic";

export const metadata = { title: "登录" };
