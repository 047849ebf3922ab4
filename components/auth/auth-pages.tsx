import Link from "next/link";
import { redirect } from "next/navigation";
import { optionalPageContext, requirePageContext, safeNextPath } from "@/lib/api/page-context";
import { roleLabels } from "@/lib/auth/roles";
import { needsFirstRun } from "@/lib/auth/setup";
import { getReportStore } from "@/lib/store/report-store";
import { listUnits } from "@/lib/store/unit-store";
import { LoginForm } from "./login-form";
import { PasswordForm } from "./password-form";
import { SetupForm } from "./setup-form";

export async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await needsFirstRun(await getReportStore())) redirect("/setup");
  if (await optionalPageContext()) redirect(next);
  return (
    <main id="main" className="page auth-page">
      <h1>登录年报通</h1>
      <LoginForm next={next} />
    </main>
  );
}

export async function SetupPage() {
  if (!(await needsFirstRun(await getReportStore()))) redirect("/login");
  return (
    <main id="main" className="page auth-page">
      <h1>首次设置</h1>
      <p>
        这台服务器还没有管理员。请输入服务器启动时在控制台（运行 <code>npm start</code> 的窗口）显示的“首次设置代码”，
        建立第一个单位和它的管理员。没有这个代码，网络上的其他人无法抢先设置。
      </p>
      <SetupForm />
    </main>
  );
}

/** Before anything else, someone on a first password (set by the administrator) chooses their own. */
export async function FirstPasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const { actor, mustChangePassword } = await requirePageContext(`/account/password?next=${encodeURIComponent(next)}`, {
    allowFirstPassword: true,
  });
  if (!mustChangePassword) redirect("/account");
  return (
    <main id="main" className="page auth-page">
      <h1>修改初始密码</h1>
      <p>{actor.name}，您的密码是管理员设置的。为了只有您自己知道密码，请先把它改为您自己的密码，然后才能使用年报通。</p>
      <PasswordForm next={next} firstPassword />
    </main>
  );
}

export async function AccountPage() {
  const { actor, root } = await requirePageContext("/account");
  const unit = (await listUnits(root.db)).find((candidate) => candidate.id === actor.unitId);
  return (
    <main id="main" className="page auth-page">
      <h1>我的账号</h1>
      <dl className="facts">
        <dt>姓名</dt>
        <dd>{actor.name}</dd>
        <dt>用户名</dt>
        <dd>{actor.username}</dd>
        <dt>单位</dt>
        <dd>{unit?.name ?? "（未分配单位）"}</dd>
        <dt>角色</dt>
        <dd>{roleLabels[actor.role]}</dd>
      </dl>
      <h2>修改密码</h2>
      <PasswordForm />
      <p>
        <Link href="/">← 返回报告列表</Link>
      </p>
    </main>
  );
}
