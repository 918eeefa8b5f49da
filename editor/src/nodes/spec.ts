import type { Edge, Node, NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { Decision } from '../../../engine/index.js';
import type { RuleFiles } from '../model/history.js';
import type { ShownProblem } from '../problems.js';

/** Where in the rule files a node's content lives; problems under it show on the node. */
export interface NodeLocation {
  file: string;
  pointer: string;
}

/** How a node took part in the latest try-it run. */
export type TryItMark = 'fired' | 'chosen' | 'not-fired' | undefined;

/** Data every node carries, whatever its kind. */
export interface BaseNodeData {
  /** Accessible name, also shown as the node's heading. */
  title: string;
  /** Places whose problems belong to this node, e.g. a rule and the phrase lists it uses. */
  locations: NodeLocation[];
  problems: ShownProblem[];
  mark: TryItMark;
}

export type GraphNode<Data extends BaseNodeData = BaseNodeData> = Node<
  Data & Record<string, unknown>,
  string
>;

/** A node's data as its kind collects it; `problems` and `mark` are filled in later. */
export type CollectedData<Data extends BaseNodeData> = Omit<Data, 'problems' | 'mark'>;

/** What a node kind finds in the rule files. */
export interface CollectedGraph<Data extends BaseNodeData> {
  nodes: { id: string; data: CollectedData<Data> }[];
  edges: Edge[];
}

export interface InspectorProps<Data extends BaseNodeData> {
  id: string;
  data: Data;
}

/**
 * One kind of node: how it is found in the rule files, drawn on the canvas and edited in the
 * side panel. Adding a kind is writing one of these and listing it in `nodes/index.ts`.
 */
export interface NodeKindSpec<Data extends BaseNodeData = BaseNodeData> {
  /** React Flow node type and the prefix of node ids, e.g. `rule`. */
  kind: string;
  /** Name of the kind for people, e.g. `Rule set`, read by screen readers and the search list. */
  label: string;
  /** Column in the automatic layout, counted from the left. */
  rank: number;
  /** Width on the canvas, in pixels; the layout uses it. */
  width: number;
  /** Height estimate before the browser has measured the node, in pixels. */
  estimateHeight(data: CollectedData<Data>): number;
  collect(files: RuleFiles): CollectedGraph<Data>;
  /** Returns how the node took part in a try-it decision; without it, the kind is never marked. */
  mark?(data: CollectedData<Data>, decision: Decision): TryItMark;
  Node: ComponentType<NodeProps<GraphNode<Data>>>;
  Inspector: ComponentType<InspectorProps<Data>>;
}
