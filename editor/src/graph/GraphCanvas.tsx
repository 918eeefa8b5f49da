import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  useStore,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLabels } from '../labels.js';
import { NODE_KINDS, nodeTypes } from '../nodes/index.js';
import type { GraphNode } from '../nodes/spec.js';
import type { NodeSelection, SelectOptions } from '../state/selection.js';
import type { BuiltGraph } from './buildGraph.js';
import { layoutGraph, type LayoutNode } from './layout.js';

interface GraphCanvasProps {
  graph: BuiltGraph;
  /** The selected node. The canvas shows it and never sets it from React Flow's own state. */
  selection: NodeSelection | undefined;
  onSelect(id: string | undefined, options?: SelectOptions): void;
  /** Changes whenever the user asks to lay the graph out again. */
  arrangeRequest: number;
}

/** Space kept between the graph and the canvas edge when the view is set, in pixels. */
const VIEW_MARGIN = 16;

const specByKind = new Map(NODE_KINDS.map((spec) => [spec.kind, spec]));

/**
 * Draws the rule graph. It lays the graph out from estimated sizes first, then again once the
 * browser has measured every node, and again when nodes or edges are added or removed.
 *
 * Selection flows one way: a click or Enter on a node calls `onSelect`, and the `selected` flag
 * of each node comes from `selection` alone. React Flow's own selection changes are dropped,
 * because echoing them back into `onSelect` let the two disagree and select each other in turn.
 */
export function GraphCanvas({ graph, selection, onSelect, arrangeRequest }: GraphCanvasProps) {
  const labels = useLabels();
  const { getNodes, getNodesBounds, setViewport } = useReactFlow();
  const selectedNodeId = selection?.id;
  const canvasWidth = useStore((store) => store.width);
  const initialized = useNodesInitialized();
  const [nodes, setNodes, onNodesChange] = useNodesState<GraphNode>([]);
  const [positions, setPositions] = useState(new Map<string, { x: number; y: number }>());
  const structure = useMemo(() => structureKey(graph), [graph]);
  const measuredFor = useRef('');

  useEffect(() => {
    setPositions(
      layoutGraph(
        layoutItems(graph.nodes, () => undefined),
        graph.edges,
      ),
    );
    measuredFor.current = '';
    // Layout depends on the structure only; text edits inside nodes keep positions.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [structure]);

  useEffect(() => {
    const request = `${structure}#${arrangeRequest}`;
    if (!initialized || measuredFor.current === request) return;
    const firstTime = measuredFor.current === '';
    measuredFor.current = request;

    const measured = new Map(getNodes().map((node) => [node.id, node.measured]));
    const placed = layoutGraph(
      layoutItems(graph.nodes, (id) => measured.get(id)),
      graph.edges,
    );
    setPositions(placed);
    if (!firstTime && arrangeRequest === 0) return;

    // The graph is far taller than wide, so fitting all of it would make text unreadable: fit
    // the width and start at the top, and the mouse wheel scrolls down from there.
    const bounds = getNodesBounds(
      getNodes().map((node) => ({ ...node, position: placed.get(node.id) ?? node.position })),
    );
    const zoom = Math.min(1, Math.max(0.3, (canvasWidth - 2 * VIEW_MARGIN) / bounds.width));
    void setViewport({ x: VIEW_MARGIN - bounds.x * zoom, y: VIEW_MARGIN - bounds.y * zoom, zoom });
  }, [
    initialized,
    structure,
    arrangeRequest,
    graph,
    getNodes,
    getNodesBounds,
    setViewport,
    canvasWidth,
  ]);

  useEffect(() => {
    setNodes((previous) => {
      const measured = new Map(previous.map((node) => [node.id, node.measured]));
      return graph.nodes.map((node) => ({
        ...node,
        position: positions.get(node.id) ?? { x: 0, y: 0 },
        measured: measured.get(node.id),
        selected: node.id === selectedNodeId,
        ariaLabel: ariaLabelOf(node),
      }));
    });
  }, [graph, positions, selectedNodeId, setNodes]);

  useRevealSelection(selection);

  const onNodesChangeExceptSelect = useCallback(
    (changes: NodeChange<GraphNode>[]) =>
      onNodesChange(changes.filter((change) => change.type !== 'select')),
    [onNodesChange],
  );
  // Enter or Space on a focused node selects it and moves focus to the edit panel.
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const id = target.classList.contains('react-flow__node') ? target.dataset.id : undefined;
    if (id !== undefined && (event.key === 'Enter' || event.key === ' ')) {
      onSelect(id, { reveal: false, focusEditor: true });
    }
  };

  return (
    <ReactFlow
      aria-label={labels.graph}
      nodes={nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChangeExceptSelect}
      onNodeClick={(_event, node) => onSelect(node.id, { reveal: false })}
      onKeyDown={onKeyDown}
      onPaneClick={() => onSelect(undefined)}
      nodesDraggable={false}
      deleteKeyCode={null}
      nodesConnectable={false}
      edgesFocusable={false}
      minZoom={0.1}
      panOnScroll
      zoomOnDoubleClick={false}
      ariaLabelConfig={labels.reactFlow}
      attributionPosition="top-right"
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeClassName={(node) => `minimap-${node.type}`} />
    </ReactFlow>
  );
}

/**
 * Centres the view on a node selected from outside the canvas (the search box, the problem
 * list). It runs once per selection request, never because the graph or the view changed.
 */
function useRevealSelection(selection: NodeSelection | undefined) {
  const { getNode, setCenter } = useReactFlow();
  const flow = useRef({ getNode, setCenter });
  flow.current = { getNode, setCenter };

  useEffect(() => {
    if (!selection?.reveal) return;
    const node = flow.current.getNode(selection.id);
    if (!node?.measured?.width) return;
    const { width = 0, height = 0 } = node.measured;
    void flow.current.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
      zoom: 1,
      duration: 300,
    });
  }, [selection]);
}

function structureKey(graph: BuiltGraph): string {
  return [...graph.nodes.map((node) => node.id), ...graph.edges.map((edge: Edge) => edge.id)].join(
    '|',
  );
}

function layoutItems(
  nodes: GraphNode[],
  measuredSize: (id: string) => { width?: number; height?: number } | undefined,
): LayoutNode[] {
  return nodes.map((node) => {
    const spec = specByKind.get(node.type ?? '')!;
    const measured = measuredSize(node.id);
    return {
      node,
      rank: spec.rank,
      width: measured?.width ?? spec.width,
      height: measured?.height ?? spec.estimateHeight(node.data),
    };
  });
}

function ariaLabelOf(node: GraphNode): string {
  const kind = specByKind.get(node.type ?? '')?.label ?? node.type;
  const parts = [`${kind} ${node.data.title}`];
  if (node.data.problems.length > 0) parts.push(`${node.data.problems.length} problems`);
  if (node.data.mark === 'fired') parts.push('fired in the last try');
  if (node.data.mark === 'chosen') parts.push('chosen in the last try');
  return parts.join(', ');
}
