import { getNodeValue, parseTree, type Node as JsonNode } from 'jsonc-parser';

/** One item of a container and the line it was written on, counted from the file's start. */
export interface LaidOutItem {
  /** The item's key in an object, or its JSON text in an array. */
  identity: string;
  line: number;
}

/**
 * Layout of an array or object as written: all on one line, one item per line, or several items
 * per line (a filled list such as a long list of phrases) with the line of each item.
 */
export type ContainerLayout =
  { kind: 'inline' } | { kind: 'expanded' } | { kind: 'fill'; items: LaidOutItem[] };

export interface JsonLayout {
  byPointer: Map<string, ContainerLayout>;
  /** The first layout seen for each pointer with its array indexes replaced by `*`. */
  byShape: Map<string, ContainerLayout['kind']>;
}

/** Reads how each container of `text` was laid out; empty for text that is not JSON. */
export function readLayout(text: string): JsonLayout {
  const layout: JsonLayout = { byPointer: new Map(), byShape: new Map() };
  const root = text.trim() === '' ? undefined : parseTree(text);
  if (!root) return layout;

  const lineStarts = [0];
  for (let index = 0; index < text.length; index++)
    if (text[index] === '\n') lineStarts.push(index + 1);
  visitContainers(root, '', (offset) => lineOf(lineStarts, offset), layout);
  return layout;
}

/** Returns the pointer with array indexes replaced by `*`, so siblings share a shape. */
export function shapeOf(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

type LineOf = (offset: number) => number;

function visitContainers(node: JsonNode, pointer: string, line: LineOf, out: JsonLayout) {
  if (node.type !== 'object' && node.type !== 'array') return;

  const children = readChildren(node, pointer);
  const layout = classify(node, children, line);
  out.byPointer.set(pointer, layout);
  if (!out.byShape.has(shapeOf(pointer))) out.byShape.set(shapeOf(pointer), layout.kind);

  for (const child of children) visitContainers(child.valueNode, child.pointer, line, out);
}

interface ChildNode {
  identity: string;
  pointer: string;
  /** Node the item starts at: the key of a property, the value of an array item. */
  startNode: JsonNode;
  valueNode: JsonNode;
}

function readChildren(node: JsonNode, pointer: string): ChildNode[] {
  if (node.type === 'array') {
    return (node.children ?? []).map((child, index) => ({
      identity: JSON.stringify(getNodeValue(child)),
      pointer: `${pointer}/${index}`,
      startNode: child,
      valueNode: child,
    }));
  }
  const children: ChildNode[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    children.push({
      identity: key,
      pointer: `${pointer}/${escapePointerToken(key)}`,
      startNode: keyNode,
      valueNode,
    });
  }
  return children;
}

function classify(node: JsonNode, children: ChildNode[], line: LineOf): ContainerLayout {
  if (line(node.offset) === line(node.offset + node.length)) return { kind: 'inline' };

  const items = children.map((child) => ({
    identity: child.identity,
    line: line(child.startNode.offset),
  }));
  const lines = new Set(items.map((item) => item.line));
  return lines.size === items.length ? { kind: 'expanded' } : { kind: 'fill', items };
}
