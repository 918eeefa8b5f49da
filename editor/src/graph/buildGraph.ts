import type { Edge } from '@xyflow/react';
import type { Decision } from '../../../engine/index.js';
import type { RuleFiles } from '../model/history.js';
import type { BaseNodeData, CollectedData, GraphNode, NodeKindSpec } from '../nodes/spec.js';
import type { ShownProblem } from '../problems.js';

export interface BuiltGraph {
  nodes: GraphNode[];
  edges: Edge[];
}

/**
 * Builds the graph's nodes and edges from the rule files, without positions: every kind
 * collects its nodes, problems go to the nodes they point into, and the latest try-it decision
 * marks the path it took.
 */
export function buildGraph(
  specs: readonly NodeKindSpec<any>[],
  files: RuleFiles,
  problems: ShownProblem[],
  decision: Decision | undefined,
): BuiltGraph {
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  for (const spec of specs) {
    const collected = spec.collect(files);
    for (const node of collected.nodes) {
      const mark = decision && spec.mark ? spec.mark(node.data, decision) : undefined;
      const data: GraphNode['data'] = {
        ...(node.data as CollectedData<BaseNodeData>),
        problems: [],
        mark,
      };
      nodes.push({
        id: node.id,
        type: spec.kind,
        position: { x: 0, y: 0 },
        data,
        width: spec.width,
      });
    }
    edges.push(...collected.edges);
  }

  assignProblems(nodes, problems);
  return { nodes, edges: markEdges(keepConnected(edges, nodes), nodes) };
}

/** Gives each problem to the nodes whose location contains it most closely. */
function assignProblems(nodes: GraphNode[], problems: ShownProblem[]) {
  for (const problem of problems) {
    let best = -1;
    let owners: GraphNode[] = [];
    for (const node of nodes) {
      for (const location of node.data.locations) {
        const inside =
          location.file === problem.file &&
          (problem.path === location.pointer || problem.path.startsWith(`${location.pointer}/`));
        if (!inside) continue;
        if (location.pointer.length > best) {
          best = location.pointer.length;
          owners = [node];
        } else if (location.pointer.length === best && !owners.includes(node)) {
          owners.push(node);
        }
      }
    }
    for (const owner of owners) owner.data.problems.push(problem);
  }
}

/** Drops edges to nodes that do not exist (an unknown template is a problem on the rule). */
function keepConnected(edges: Edge[], nodes: GraphNode[]): Edge[] {
  const ids = new Set(nodes.map((node) => node.id));
  const seen = new Set<string>();
  return edges.filter((edge) => {
    if (!ids.has(edge.source) || !ids.has(edge.target) || seen.has(edge.id)) return false;
    seen.add(edge.id);
    return true;
  });
}

function markEdges(edges: Edge[], nodes: GraphNode[]): Edge[] {
  const marks = new Map(nodes.map((node) => [node.id, node.data.mark]));
  const tried = (id: string) => marks.get(id) === 'fired' || marks.get(id) === 'chosen';
  return edges.map((edge) => {
    const onPath = tried(edge.source) && tried(edge.target);
    return onPath ? { ...edge, animated: true, className: 'edge-on-path' } : edge;
  });
}
