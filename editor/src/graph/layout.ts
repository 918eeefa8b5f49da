import dagre from '@dagrejs/dagre';
import type { Edge } from '@xyflow/react';
import type { GraphNode } from '../nodes/spec.js';

/** Gaps between nodes of a column and between columns, in pixels. */
const NODE_GAP = 24;
const COLUMN_GAP = 120;

export interface LayoutNode {
  node: GraphNode;
  rank: number;
  width: number;
  height: number;
}

/** Columns of the grid that nodes without edges are placed in, under the graph. */
const GRID_COLUMNS = 4;

type Positions = Map<string, { x: number; y: number }>;

/**
 * Places connected nodes left to right with dagre, then nodes without any edge (templates that
 * only the conversation sends) in a grid underneath, so they do not stretch the graph's columns.
 */
export function layoutGraph(items: LayoutNode[], edges: Edge[]): Positions {
  const linked = new Set(edges.flatMap((edge) => [edge.source, edge.target]));
  const connected = items.filter((item) => linked.has(item.node.id));
  const positions = layoutConnected(connected, edges);

  const bottom = Math.max(
    0,
    ...connected.map((item) => (positions.get(item.node.id)?.y ?? 0) + item.height),
  );
  placeInGrid(
    items.filter((item) => !linked.has(item.node.id)),
    bottom + COLUMN_GAP / 2,
    positions,
  );
  return positions;
}

function placeInGrid(items: LayoutNode[], top: number, positions: Positions) {
  const cellWidth = Math.max(0, ...items.map((item) => item.width)) + NODE_GAP;
  for (let start = 0, y = top; start < items.length; start += GRID_COLUMNS) {
    const row = items.slice(start, start + GRID_COLUMNS);
    row.forEach((item, column) => positions.set(item.node.id, { x: column * cellWidth, y }));
    y += Math.max(...row.map((item) => item.height)) + NODE_GAP;
  }
}

/**
 * Places connected nodes with dagre, one column per node kind (`rank`). An edge that skips a
 * column, such as a rule that sends a template without choosing a branch, gets a minimum length
 * of the columns it spans, so the template still lands in the templates' column.
 */
function layoutConnected(items: LayoutNode[], edges: Edge[]): Positions {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: 'LR',
    nodesep: NODE_GAP,
    ranksep: COLUMN_GAP,
    marginx: 16,
    marginy: 16,
  });
  graph.setDefaultEdgeLabel(() => ({}));

  const rankOf = new Map(items.map((item) => [item.node.id, item.rank]));
  for (const item of items) graph.setNode(item.node.id, { width: item.width, height: item.height });
  for (const edge of edges) {
    const span = (rankOf.get(edge.target) ?? 1) - (rankOf.get(edge.source) ?? 0);
    graph.setEdge(edge.source, edge.target, { weight: 1, minlen: Math.max(1, span) });
  }

  dagre.layout(graph);

  const positions: Positions = new Map();
  for (const item of items) {
    const placed = graph.node(item.node.id);
    // dagre gives centres; React Flow places nodes by their top-left corner.
    positions.set(item.node.id, { x: placed.x - item.width / 2, y: placed.y - item.height / 2 });
  }
  return positions;
}
