import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { loadReactPdf } from "./react-pdf";

/** A document of three pages whose page numbers come from render props, as the report's do. */
async function renderCountingCalls(readsTotal: boolean) {
  const pdf = await loadReactPdf();
  const calls: number[] = [];
  const totals: (number | undefined)[] = [];
  const pageNumber = createElement(pdf.Text, {
    fixed: true,
    render: (props: { pageNumber: number; totalPages?: number }) => {
      calls.push(props.pageNumber);
      if (readsTotal) totals.push(props.totalPages);
      return `— ${props.pageNumber} —`;
    },
  });
  const tall = (key: number) => createElement(pdf.View, { key, wrap: false, style: { height: 500 } });
  const page = createElement(pdf.Page, { experimentalPagination: true, size: "A4" }, pageNumber, [1, 2, 3].map(tall));
  await pdf.renderToBuffer(createElement(pdf.Document, {}, page));
  return { calls, totals };
}

describe("@react-pdf/layout as installed (patches/@react-pdf+layout+*.patch)", () => {
  it("lays the pages out once when no render prop reads the page count: page numbers are called once a page", async () => {
    // Unpatched, any render prop made the paginator run the whole document a second time, for a
    // totalPages nobody read: a third of the report's render time.
    const { calls } = await renderCountingCalls(false);
    expect(calls).toEqual([1, 2, 3]);
  });

  it("still runs the second round for a render prop that reads the page count, which it then gets", async () => {
    const { calls, totals } = await renderCountingCalls(true);
    expect(calls).toEqual([1, 2, 3, 1, 2, 3]);
    expect(totals.slice(3)).toEqual([3, 3, 3]);
  });
});
