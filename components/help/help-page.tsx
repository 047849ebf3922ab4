import Link from "next/link";
import { requirePageContext } from "@/lib/api/page-context";
import { editorSteps } from "@/lib/editor/result-steps";
import { NOT_APPLICABLE } from "@/lib/format";
import { ruleCatalogue } from "@/lib/ledger/rule-catalogue";
import { SITTING_PAUSE_MS } from "@/lib/store/report-store";

const keys: readonly [string, string][] = [
  ["方向键、回车、Tab（Shift+Tab）", "在表格中移动；自动计算的合计会被跳过"],
  ["直接输入", "替换单元格内容；离开单元格或按回车后生效"],
  ["Esc", "放弃本格正在输入的内容"],
  ["Delete", "在粘贴或导入的合计上：恢复为自动计算"],
  ["Ctrl+V", "从 Excel、WPS、Word 或网页复制的整块表格粘贴到选中的单元格起"],
  ["Ctrl+Z", "撤销上一步（一格的填写、一次粘贴、一次清除、删除或恢复小标题）"],
  ["Ctrl+Y 或 Ctrl+Shift+Z", "恢复刚撤销的一步"],
  ["Ctrl+S", "立即保存（平时修改约 1 秒后自动保存）"],
];

/** The steps, the keys and what each rule means: reachable from every screen. */
export async function HelpPage() {
  await requirePageContext("/help");
  return (
    <main className="page help-page">
      <h1>帮助</h1>
      <section aria-labelledby="help-steps">
        <h2 id="help-steps">填报步骤</h2>
        <ol>
          {editorSteps.map((step) => (
            <li key={step.id}>{step.label}</li>
          ))}
        </ol>
        <p>
          在首页新建报告（机关全称和年度），或以上年报告为基础新建：上年结转取自上年的“结转下年度继续办理”，文字沿用为草稿并标注“沿用上年内容”。
          第一次使用可先<Link href="/">在首页</Link>打开示例报告。
        </p>
      </section>
      <section aria-labelledby="help-keys">
        <h2 id="help-keys">键盘</h2>
        <table>
          <tbody>
            {keys.map(([key, meaning]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="help-cells">
        <h2 id="help-cells">空白、0 和“{NOT_APPLICABLE}”</h2>
        <p>
          三者不同：0 表示没有，“{NOT_APPLICABLE}”表示不适用（表三、表四不用），空白表示还没填。空白在合计中按 0
          计，但会提示；导出正式版本前每格都应填写。
        </p>
      </section>
      <section aria-labelledby="help-saving">
        <h2 id="help-saving">保存和历史版本</h2>
        <p>
          修改后自动保存，同时保留在本机浏览器中；服务器断开时照常填写，恢复后自动续存。每段连续的编辑（停顿不超过{" "}
          {SITTING_PAUSE_MS / 60_000} 分钟）记为一个历史版本，可先查看全文再恢复。
        </p>
      </section>
      <section aria-labelledby="help-rules">
        <h2 id="help-rules">检查规则</h2>
        <p>“错误”须改正后才能导出正式版本（可导出标注“草稿”的草稿）；“警告”提示核对，不影响导出。</p>
        <table>
          <thead>
            <tr>
              <th scope="col">级别</th>
              <th scope="col">规则</th>
              <th scope="col">编号</th>
            </tr>
          </thead>
          <tbody>
            {ruleCatalogue.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.severity === "error" ? "错误" : "警告"}</td>
                <td>{rule.title}</td>
                <td>
                  <code>{rule.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
