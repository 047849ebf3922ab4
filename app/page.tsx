export { HomePage as default } from "@/components/home/home-page";

export const dynamic = "force-dynamic";

// The layout's title template does not reach a page in its own segment.
export const metadata = { title: { absolute: "报告列表 · 年报通" } };
