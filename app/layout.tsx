import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "年报通 · 政府信息公开工作年度报告",
  description: "按国办公开办函〔2021〕30号格式编制、校验和排版政府信息公开工作年度报告",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <nav className="app-bar" aria-label="全站">
          <Link href="/" className="app-name">
            年报通
          </Link>
          <Link href="/">报告列表</Link>
          <Link href="/help">帮助</Link>
        </nav>
        {children}
      </body>
    </html>
  );
}
