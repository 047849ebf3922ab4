export { SetupPage as default } from "@/components/auth/auth-pages";

export const dynamic = "force-dynamic";

export const metadata = { title: "首次设置" };
