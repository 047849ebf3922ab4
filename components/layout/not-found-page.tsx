import Link from "next/link";

/** Any address the app does not have. */
export function NotFoundPage() {
  return (
    <main id="main" className="page">
      <h1>找不到该页面</h1>
      <p>这个网址在本系统中不存在，请检查链接是否完整。</p>
      <Link href="/">返回报告列表</Link>
    </main>
  );
}

/** A report's address that leads to no report this person may see. */
export function ReportNotFoundPage() {
  return (
    <main id="main" className="page">
      <h1>找不到这份报告</h1>
      <p>报告可能已被删除（30 天内可在首页“最近删除”中恢复），不属于您的单位，或链接有误。</p>
      <Link href="/">返回报告列表</Link>
    </main>
  );
}
