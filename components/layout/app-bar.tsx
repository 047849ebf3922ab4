import Link from "next/link";
import { LogoutButton } from "@/components/auth/logout-button";
import { optionalPageContext } from "@/lib/api/page-context";
import { roleLabels } from "@/lib/auth/roles";
import { listUnits } from "@/lib/store/unit-store";

/** The bar on every page: where one can go with one's role, and who is signed in. */
export async function AppBar() {
  const context = await optionalPageContext();
  const unit = context
    ? (await listUnits(context.root.db)).find((candidate) => candidate.id === context.actor.unitId)
    : undefined;
  return (
    <nav className="app-bar" aria-label="全站">
      <Link href="/" className="app-name">
        年报通
      </Link>
      {context?.mustChangePassword && (
        <>
          <span className="app-user">{context.actor.name}</span>
          <LogoutButton />
        </>
      )}
      {context && !context.mustChangePassword && (
        <>
          <Link href="/">报告列表</Link>
          {context.actor.role !== "filler" && <Link href="/overview">审核总览</Link>}
          {context.actor.role === "admin" && <Link href="/admin">单位和账号</Link>}
          <Link href="/help">帮助</Link>
          <Link href="/account" className="app-user">
            {context.actor.name}（{unit?.name ?? "未分配单位"} · {roleLabels[context.actor.role]}）
          </Link>
          <LogoutButton />
        </>
      )}
    </nav>
  );
}
