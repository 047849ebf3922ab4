import Link from "next/link";

export function NotFoundPage() {
  return (
    <main className="page">
      <h1>找不到这个页面</h1>
      <p>报告可能已被删除（30 天内可在首页“最近删除”中恢复），不属于您的单位，或链接有误。</p>
      <Link href="/">返回报告列表</Link>
    </main>
  );
}
