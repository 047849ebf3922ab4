import type { HeaderLeaf, HeaderNode } from "./cell-types";

/** The leaves of a header tree in reading order, with their dotted keys and computed sums. */
export function headerLeaves(nodes: readonly HeaderNode[]): HeaderLeaf[] {
  const leaves: HeaderLeaf[] = [];
  const visit = (siblings: readonly HeaderNode[], ancestors: readonly HeaderNode[], keyPrefix: string) => {
    const precedingLeafKeys: string[] = [];
    for (const node of siblings) {
      const key = node.key ? `${keyPrefix}${node.key}` : keyPrefix.replace(/\.$/, "");
      if (node.children && node.children.length > 0) {
        const before = leaves.length;
        visit(node.children, [...ancestors, node], node.key ? `${key}.` : keyPrefix);
        precedingLeafKeys.push(...leaves.slice(before).map((leaf) => leaf.key));
        continue;
      }
      if (!node.key) throw new Error(`header leaf "${node.label}" has no key`);
      leaves.push({
        key,
        label: node.label,
        shortLabel: node.shortLabel ?? node.label,
        ancestors,
        sumOf: node.sumOfPrecedingSiblings ? [...precedingLeafKeys] : null,
        depth: ancestors.length,
      });
      precedingLeafKeys.push(key);
    }
  };
  visit(nodes, [], "");
  return leaves;
}

export function countLeaves(node: HeaderNode): number {
  if (!node.children || node.children.length === 0) return 1;
  return node.children.reduce((total, child) => total + countLeaves(child), 0);
}

export function treeDepth(nodes: readonly HeaderNode[]): number {
  let depth = 0;
  for (const node of nodes) {
    depth = Math.max(depth, 1 + (node.children ? treeDepth(node.children) : 0));
  }
  return depth;
}

export type SpanningLabel = { node: HeaderNode; rowSpan: number; colSpan: number };

/**
 * Lays a column header tree out as header rows: a group spans its leaves, and a
 * leaf that sits higher than the deepest level spans down to the last header row.
 */
export function columnHeaderRows(nodes: readonly HeaderNode[]): SpanningLabel[][] {
  const depth = treeDepth(nodes);
  const rows: SpanningLabel[][] = Array.from({ length: depth }, () => []);
  const place = (siblings: readonly HeaderNode[], level: number) => {
    for (const node of siblings) {
      const isLeaf = !node.children || node.children.length === 0;
      rows[level]!.push({ node, colSpan: countLeaves(node), rowSpan: isLeaf ? depth - level : 1 });
      if (!isLeaf) place(node.children!, level + 1);
    }
  };
  place(nodes, 0);
  return rows;
}

/**
 * Lays a row label tree out as label cells per body row: a group spans its leaves
 * downwards, and a leaf that sits higher than the deepest level spans to the right.
 */
export function rowLabelCells(nodes: readonly HeaderNode[]): SpanningLabel[][] {
  const depth = treeDepth(nodes);
  const rows: SpanningLabel[][] = [];
  const place = (siblings: readonly HeaderNode[], level: number, pending: SpanningLabel[]) => {
    for (const node of siblings) {
      const isLeaf = !node.children || node.children.length === 0;
      if (isLeaf) {
        rows.push([...pending, { node, rowSpan: 1, colSpan: depth - level }]);
        pending = [];
        continue;
      }
      const group: SpanningLabel = { node, rowSpan: countLeaves(node), colSpan: 1 };
      place(node.children!, level + 1, [...pending, group]);
      pending = [];
    }
  };
  place(nodes, 0, []);
  return rows;
}
