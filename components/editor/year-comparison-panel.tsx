"use client";

import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { ChartFigure, chartStyles } from "@/components/charts/chart-figure";
import type { EditorSession } from "@/lib/editor/editor-session";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { figureText, parseNarrativeText, resolveReferences } from "@/lib/narrative/references";
import type { TReport } from "@/lib/report/report-schema";
import { compareKeyFigures, describeChange, type FigureChange, trendSentence, unitOfFigure } from "@/lib/report/year-comparison";

const trendLabels = { jump: "变化大", zero: "降为 0" } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The sentence for the clipboard: as HTML its figure is a linked-figure chip when pasted into a
 * narrative field (span[data-figure]); as plain text, the number.
 */
function sentenceClipboard(sentence: string, report: TReport): { html: string; text: string } {
  const { effective } = deriveLedger(report.ledger);
  const html = parseNarrativeText(sentence)
    .map((part) =>
      part.type === "text"
        ? escapeHtml(part.text)
        : `<span data-figure="${escapeHtml(part.figureId)}">${escapeHtml(figureText(part.figure, effective))}</span>`,
    )
    .join("");
  return { html, text: resolveReferences(sentence, effective) };
}

function SentenceOffer({ change, report }: { change: FigureChange; report: TReport }) {
  const [copied, setCopied] = useState<string | null>(null);
  const sentence = trendSentence(change);
  const { html, text } = sentenceClipboard(sentence, report);
  const copy = async () => {
    try {
      if (typeof ClipboardItem !== "undefined" && navigator.clipboard.write) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([html], { type: "text/html" }),
            "text/plain": new Blob([text], { type: "text/plain" }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      setCopied("已复制：粘贴到“一、总体情况”相应小标题下，数字为关联数字，再写明原因");
    } catch {
      setCopied("浏览器不允许写入剪贴板，请手工输入这句话");
    }
  };
  return (
    <div className="trend-sentence">
      <q>{text}</q>{" "}
      <button type="button" className="link-button" onClick={() => void copy()}>
        复制说明句
      </button>
      {copied && <span role="status"> {copied}</span>}
    </div>
  );
}

/**
 * 与上年对比: the key figures this year beside last year's report, with the change, a bar
 * chart, and the jumps the trend.* rules warn about marked with the sentence that explains them.
 */
export function YearComparisonPanel({ session, previousYear }: { session: EditorSession; previousYear: TReport | null }) {
  const report = useSyncExternalStore(session.subscribe, session.getReport, session.getReport);
  const year = typeof report.info.year === "number" ? report.info.year : null;
  const previous = previousYear && year !== null && previousYear.info.year === year - 1 ? previousYear : null;
  const changes = useMemo(() => (previous ? compareKeyFigures(report.ledger, previous.ledger) : []), [report.ledger, previous]);
  const [svg, setSvg] = useState<string | null>(null);

  useEffect(() => {
    if (!previous || year === null) return;
    let isCurrent = true;
    // ECharts is loaded with this step only, never with the editor's first page.
    void import("@/components/charts/paired-bars").then(({ renderPairedBars }) => {
      if (!isCurrent) return;
      const bars = changes.map((change) => ({
        label: change.figure.shortName.replace(/件数$/u, ""),
        thisYear: change.thisYear,
        lastYear: change.lastYear,
        isMarked: change.trend !== null,
      }));
      setSvg(renderPairedBars(bars, { thisYear: year, lastYear: year - 1 }));
    });
    return () => {
      isCurrent = false;
    };
  }, [changes, previous, year]);

  if (!previous || year === null) {
    return (
      <section className="year-comparison" aria-labelledby="year-comparison-title">
        <h3 id="year-comparison-title">与上年对比</h3>
        <p className="muted">
          本系统中没有本单位{year === null ? "上一年度" : `${year - 1}年`}
          的报告，无法对比。上年的报告在本系统中时，这里列出主要数字与上年的对比。
        </p>
      </section>
    );
  }

  const marked = changes.filter((change) => change.trend !== null);
  const show = (value: number | null, change: FigureChange) =>
    value === null ? "—" : `${value.toLocaleString("zh-CN", { maximumFractionDigits: 6 })} ${unitOfFigure(change.figure)}`;
  return (
    <section className="year-comparison" aria-labelledby="year-comparison-title">
      <h3 id="year-comparison-title">
        与上年对比（{year - 1}年 → {year}年）
      </h3>
      <p className="muted">
        {marked.length > 0
          ? `${marked.length} 个数字与上年相比变化很大（标 ⚠）：请核对；变化属实的，在文字中写明原因。`
          : "主要数字与上年相比没有异常的变化。"}
      </p>
      <ChartFigure
        testId="year-comparison-chart"
        caption={`主要数字：${year}年与${year - 1}年`}
        svg={svg}
        isTableShown
        maxWidth={560}
        note="每组两根柱按这一项两年中较大的数字等比画出；柱旁是实际数字。"
        table={{
          columns: ["数字", `${year}年`, `${year - 1}年`, "变化", "提示"],
          rows: changes.map((change) => ({
            key: change.figure.id,
            isMarked: change.trend !== null,
            cells: [
              change.figure.shortName,
              show(change.thisYear, change),
              show(change.lastYear, change),
              describeChange(change) || "—",
              change.trend ? (
                <span key="mark" className={chartStyles.mark}>
                  ⚠ {trendLabels[change.trend]}
                </span>
              ) : (
                ""
              ),
            ],
          })),
        }}
      />
      {marked.length > 0 && (
        <div className="trend-sentences">
          <h4>可写入文字的说明句</h4>
          <ul>
            {marked.map((change) => (
              <li key={change.figure.id}>
                <SentenceOffer change={change} report={report} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
