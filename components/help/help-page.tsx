import Link from "next/link";
import { requirePageContext } from "@/lib/api/page-context";
import { editorSteps } from "@/lib/editor/result-steps";
import { NOT_APPLICABLE } from "@/lib/format";
import { ruleCatalogue } from "@/lib/format/rule-catalogue";
import { SITTING_PAUSE_MS } from "@/lib/store/report-store";

const keys: readonly [string, string][] = [
  ["方向键、回车、Tab（Shift+Tab）", "在表格中移动；自动计算的合计会被跳过"],
  ["直接输入", "替换单元格内容；离开单元格或按回车后生效"],
  ["Esc", "放弃本格正在输入的内容；不在输入时，离开表格的单元格"],
  ["Tab（从表格外）", "整张表格是一个停靠点：进入上次所在的单元格；在表格中按 Esc 再按 Tab，转到表格后面的内容"],
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
    <main id="main" className="page help-page">
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
      <section aria-labelledby="help-figures">
        <h2 id="help-figures">在文字中插入表格数字</h2>
        <p>
          在文字部分点“插入数字”，或键入“〔”后输入名称查找（如“〔新收”），回车插入。插入的是关联数字：表格改了，文字跟着改，
          导出时印成当时的数字。文字中手写的数字与表格不一致时，该段下方出现警告，点“改为关联数字”即可替换（Ctrl+Z 可撤销）。
        </p>
      </section>
      <section aria-labelledby="help-import">
        <h2 id="help-import">导入已发布的报告</h2>
        <p>
          首页“导入已发布的报告”可读入 PDF、Word（.docx）、网页或文本格式的年报，新建为一份报告；文件中没有年度时在“年份”中填写。
          未能确认的数字以紫框标为“请核对”，核对后按 Ctrl+回车 确认。新报告中“从上年已发布报告导入”只取上年的结转数和文字草稿。
        </p>
      </section>
      <section aria-labelledby="help-workflow">
        <h2 id="help-workflow">审核和发布</h2>
        <ol>
          <li>
            <strong>提交审核</strong>
            ：没有错误时，填报人点“提交审核”，报告锁定不能修改；审核人尚未处理前，填报人可“撤回”后继续修改。
          </li>
          <li>
            <strong>退回修改</strong>
            ：审核人写明意见（可附在某个单元格或某一部分上）退回；填报人在该处看到意见，改好后标为已处理，再提交。
            已审核通过、尚未发布的报告，审核人也可退回。
          </li>
          <li>
            <strong>审核通过</strong>
            ：审核人确认后，报告可以发布；提交者本人不能审核通过自己提交的报告（只有一个人的单位由管理员审核）。
          </li>
          <li>
            <strong>发布</strong>：保存正式的 PDF、Word 和网页文件及其 SHA-256
            校验值，此后下载的就是这些文件，逐字节不变。已发布的报告只有管理员可以删除，删除后其发布的文件和记录仍保留。
          </li>
          <li>
            <strong>更正</strong>：发布后发现错误，点“发起更正”并写明原因，改完再经审核、发布为更正版；原发布的文件和记录都保留。
          </li>
        </ol>
        <p>每一步由谁、何时、附何意见，都记在报告的“历史版本”页。</p>
      </section>
      <section aria-labelledby="help-overview">
        <h2 id="help-overview">审核总览、汇总和批量下载</h2>
        <p>
          审核人和管理员在“审核总览”中看到所辖各单位某年度报告的状态、错误和警告数、最后保存时间和距公布截止日的天数，可筛选和搜索。
          “汇总”把所选单位的三张表逐格相加，按国家表格式显示，可下载 Excel，并列出缺报、未提交和有错误的单位；
          “批量下载”把已发布的 PDF（可含草稿）打包为一个 ZIP 文件。
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
            </tr>
          </thead>
          <tbody>
            {ruleCatalogue.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.severity === "error" ? "错误" : "警告"}</td>
                <td>{rule.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
