"use client";

import Link from "next/link";

/** Shown when a page fails to render; what was typed in the editor stays in this browser. */
export function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="page">
      <h1>页面出错了</h1>
      <p>服务器或网络暂时出了问题。编辑中的内容已保留在本机浏览器里，重新打开报告时可以恢复。</p>
      <p>
        <button type="button" onClick={reset}>
          重试
        </button>{" "}
        <Link href="/">返回报告列表</Link>
      </p>
    </main>
  );
}
