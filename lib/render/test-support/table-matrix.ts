/**
 * Test helpers that read tables back out of rendered output. They are written apart
 * from the renderers' own layout code so a test compares two independent readings.
 */
import { applicantColumns, applicationRows, type TableGrid, tableGrids } from "@/lib/format";

export type SpanningText = { text: string; rowSpan: number; colSpan: number };

/** Lays rows of spanning cells out as a browser lays out an HTML table: one text per position. */
export function expandSpans(rows: readonly (readonly SpanningText[])[]): string[][] {
  const matrix: string[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (matrix[r]![c] !== undefined) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const line = matrix[r + dr];
          if (!line) throw new Error(`row span out of the table at ${r},${c}`);
          if (line[c + dc] !== undefined) throw new Error(`overlap at ${r + dr},${c + dc}`);
          line[c + dc] = cell.text;
        }
      }
      c += cell.colSpan;
    }
  });
  return matrix;
}

/** What a table must show: the grid's labels and, in each value cell, the given text. */
export function expectedMatrix(grid: TableGrid, values: Readonly<Record<string, string>>): string[][] {
  return expandSpans(
    grid.rows.map((cells) =>
      cells.map((cell) => ({
        text: cell.type === "text" ? cell.text : (values[cell.cellId] ?? ""),
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
      })),
    ),
  );
}

/** The 25 × 7 figures of 表三 from a full matrix of the table: body rows, figure columns. */
export function applicationsFigures(matrix: readonly (readonly string[])[]): string[][] {
  const grid = tableGrids.s3;
  const figureStart = grid.columnCount - applicantColumns.length;
  return matrix.slice(grid.headerRowCount).map((line) => line.slice(figureStart));
}

/** The published 表三 of a seed (seed-ledgers.json), in the format's row and column order. */
export function seedApplicationsFigures(section3: { rows: { id: string; values: number[] }[] }): string[][] {
  return applicationRows.map((row) => {
    const printed = section3.rows.find((candidate) => candidate.id === row.key);
    if (!printed) throw new Error(`seed has no row ${row.key}`);
    return printed.values.map(String);
  });
}

// --- WordprocessingML -------------------------------------------------------------

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name]!);
}

/** The text of a piece of WordprocessingML: its <w:t> runs joined. */
export function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => unescapeXml(match[1]!)).join("");
}

/** Every element with this tag, outermost only (the tags used here do not nest). */
export function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${tag}>)`, "g"))].map((match) => match[0]);
}

export function attribute(xml: string, tag: string, name: string): string | null {
  const element = new RegExp(`<${tag}(?:\\s[^>]*)?/?>`).exec(xml)?.[0];
  if (!element) return null;
  return new RegExp(`${name}="([^"]*)"`).exec(element)?.[1] ?? null;
}

export type DocxCell = { xml: string; text: string; gridSpan: number; vMerge: "restart" | "continue" | null };
export type DocxTable = { xml: string; rows: { xml: string; cells: DocxCell[] }[] };

export function docxTables(documentXml: string): DocxTable[] {
  return elements(documentXml, "w:tbl").map((xml) => ({
    xml,
    rows: elements(xml, "w:tr").map((rowXml) => ({
      xml: rowXml,
      cells: elements(rowXml, "w:tc").map((cellXml): DocxCell => {
        const hasMerge = /<w:vMerge(?:\s[^>]*)?\/?>/.test(cellXml);
        const mergeValue = attribute(cellXml, "w:vMerge", "w:val");
        return {
          xml: cellXml,
          text: xmlText(cellXml),
          gridSpan: Number(attribute(cellXml, "w:gridSpan", "w:val") ?? "1"),
          vMerge: !hasMerge ? null : mergeValue === "restart" ? "restart" : "continue",
        };
      }),
    })),
  }));
}

/** A Word table as positions: gridSpan across, a vMerge continuation showing the text of the cell above. */
export function expandDocxTable(table: DocxTable): string[][] {
  const matrix: string[][] = [];
  table.rows.forEach((row, r) => {
    const line: string[] = [];
    for (const cell of row.cells) {
      const c = line.length;
      for (let dc = 0; dc < cell.gridSpan; dc += 1) {
        if (cell.vMerge === "continue") {
          const above = matrix[r - 1]?.[c + dc];
          if (above === undefined) throw new Error(`vMerge continue with nothing above at ${r},${c + dc}`);
          line.push(above);
        } else {
          line.push(cell.text);
        }
      }
    }
    matrix.push(line);
  });
  return matrix;
}
