"use client";

import { memo, startTransition, useEffect, useMemo, useState } from "react";
import { useIsHydrated } from "@/components/ui/typed-before-hydration";
import type { EditorSession } from "@/lib/editor/editor-session";
import { countResultsByStep, type EditorStepId, editorSteps, resultStep } from "@/lib/editor/result-steps";
import type { RuleResult } from "@/lib/format/rule-catalogue";

/** How long the lists wait for typing to pause: a keystroke's frame paints only its cells. */
const LIST_DELAY_MS = 150;

/** Results follow typing shortly after, as a transition, so the lists never delay a keystroke's paint. */
function useDeferredResults(session: EditorSession): readonly RuleResult[] {
  const [results, setResults] = useState(session.getResults);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = session.subscribe(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => startTransition(() => setResults(session.getResults())), LIST_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [session]);
  return results;
}

function ResultList({ results, onJump }: { results: readonly RuleResult[]; onJump: (result: RuleResult) => void }) {
  return (
    <ul>
      {results.map((result, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: results have no identity (one rule can report the same cells twice); the list is rebuilt on each check and its items hold no state
        <li key={`${result.ruleId}-${index}`} className={`result result-${result.severity}`}>
          <button type="button" onClick={() => onJump(result)}>
            <span className="result-severity">{result.severity === "error" ? "错误" : "警告"}</span>
            {result.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

export const StepNav = memo(function StepNav({
  session,
  step,
  onSelect,
}: {
  session: EditorSession;
  step: EditorStepId;
  onSelect: (step: EditorStepId) => void;
}) {
  const results = useDeferredResults(session);
  const counts = useMemo(() => countResultsByStep(results), [results]);
  // Until the page is live a click on a step would do nothing (the step changes by script).
  const isHydrated = useIsHydrated();
  return (
    <nav aria-label="报告步骤" className="steps">
      <ol>
        {editorSteps.map((item) => {
          const count = counts[item.id];
          return (
            <li key={item.id}>
              <button
                type="button"
                aria-current={item.id === step ? "step" : undefined}
                disabled={!isHydrated}
                onClick={() => onSelect(item.id)}
              >
                <span>{item.label}</span>
                {count.errors > 0 && (
                  <span className="badge badge-error" role="img" aria-label={`${count.errors} 个错误`}>
                    {count.errors}
                  </span>
                )}
                {count.warnings > 0 && (
                  <span className="badge badge-warning" role="img" aria-label={`${count.warnings} 个警告`}>
                    {count.warnings}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
});

export const ResultsPanel = memo(function ResultsPanel({
  session,
  onJump,
}: {
  session: EditorSession;
  onJump: (result: RuleResult) => void;
}) {
  const results = useDeferredResults(session);
  const errorCount = results.filter((item) => item.severity === "error").length;
  return (
    <aside className="results" aria-labelledby="results-title">
      <h2 id="results-title">
        检查结果
        <span className="muted">
          （{errorCount} 个错误，{results.length - errorCount} 个警告）
        </span>
      </h2>
      {results.length === 0 ? <p className="muted">没有发现问题。</p> : <ResultList results={results} onJump={onJump} />}
    </aside>
  );
});

/** The results of one step, listed under its form or table. */
export const StepResults = memo(function StepResults({
  session,
  step,
  onJump,
}: {
  session: EditorSession;
  step: EditorStepId;
  onJump: (result: RuleResult) => void;
}) {
  const results = useDeferredResults(session);
  const own = useMemo(() => results.filter((result) => resultStep(result) === step), [results, step]);
  if (own.length === 0) return null;
  return (
    <section className="step-results" aria-label="本部分的检查结果">
      <h3>本部分的检查结果</h3>
      <ResultList results={own} onJump={onJump} />
    </section>
  );
});
