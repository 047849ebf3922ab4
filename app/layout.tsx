import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppBar } from "@/components/layout/app-bar";
import "./globals.css";

export const metadata: Metadata = {
  // Each page names itself first, so tabs, history and screen readers tell them apart.
  title: { default: "年报通 · 政府信息公开工作年度报告", template: "%s · 年报通" },
  description: "按国办公开办函〔2021〕30号格式编制、校验和排版政府信息公开工作年度报告",
};

// Every page is rendered per request: it shows who is signed in, and its scripts carry the request's nonce.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <a className="skip-link" href="#main">
          跳到正文
        </a>
        <AppBar />
        {children}
      </body>
    </html>
  );
}
