import { withoutIllegalCharacters } from "@/lib/report/text-characters";
import type { DocumentBlock, ReportDocument } from "./report-document";

const clean = withoutIllegalCharacters;

function printableBlock(block: DocumentBlock): DocumentBlock {
  if (block.type !== "table") return { ...block, text: clean(block.text) };
  return { ...block, cells: Object.fromEntries(Object.entries(block.cells).map(([id, text]) => [id, clean(text)])) };
}

/**
 * The document with every text as a renderer may print it: no control character, non-character
 * or lone surrogate (text-characters.ts). The schema refuses them already; each renderer applies
 * this as well, so no document it is given can make a file Word refuses.
 */
export function printableDocument(doc: ReportDocument): ReportDocument {
  return {
    ...doc,
    fileBaseName: clean(doc.fileBaseName),
    title: doc.title.map(clean),
    opening: doc.opening.map(clean),
    blocks: doc.blocks.map(printableBlock),
    closing: doc.closing && { agencyName: clean(doc.closing.agencyName), date: clean(doc.closing.date) },
  };
}
