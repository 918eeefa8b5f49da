import { parseTree, type Node as JsonNode } from 'jsonc-parser';

/** Line width that new containers must fit in to be written on one line. */
export const LINE_WIDTH = 100;

const INDENT = '  ';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether each array and object of a file was written on one line, by JSON pointer. */
export interface JsonLayout {
  byPointer: Map<string, boolean>;
  /** The first layout seen for each pointer with its array indexes replaced by `*`. */
  byShape: Map<string, boolean>;
}

/**
 * Formats a rule file the way it is stored in git: keys in their existing order, two-space
 * indent and a final newline. Arrays and objects that `previousText` wrote on one line stay on
 * one line, and the others stay expanded, so changing one word changes one line of the file.
 * A new container takes the layout of its siblings (a new condition is written like the
 * others); with none to copy, it gets one line when it holds only scalars and fits in
 * {@link LINE_WIDTH}.
 *
 * @example formatRuleFile({ a: ['x', 'y'] }, '{\n  "a": ["x"]\n}\n') // '{\n  "a": ["x", "y"]\n}\n'
 */
export function formatRuleFile(value: unknown, previousText?: string): string {
  const layout = readLayout(previousText ?? '');
  return `${printValue(value as Json, '', 0, layout)}\n`;
}

/** Reads which containers of `text` were written on one line; empty for text that is not JSON. */
export function readLayout(text: string): JsonLayout {
  const layout: JsonLayout = { byPointer: new Map(), byShape: new Map() };
  const root = text.trim() === '' ? undefined : parseTree(text);
  if (root) visitContainers(root, '', text, layout);
  return layout;
}

function shapeOf(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

function visitContainers(node: JsonNode, pointer: string, text: string, out: JsonLayout) {
  if (node.type !== 'object' && node.type !== 'array') return;

  const source = text.slice(node.offset, node.offset + node.length);
  const inline = !source.includes('\n');
  out.byPointer.set(pointer, inline);
  if (!out.byShape.has(shapeOf(pointer))) out.byShape.set(shapeOf(pointer), inline);

  if (node.type === 'array') {
    node.children?.forEach((child, index) => visitContainers(child, `${pointer}/${index}`, text, out));
    return;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode && valueNode) {
      visitContainers(valueNode, `${pointer}/${escapePointerToken(String(keyNode.value))}`, text, out);
    }
  }
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function printValue(value: Json, pointer: string, depth: number, layout: JsonLayout): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);

  const entries = Array.isArray(value)
    ? value.map((item, index) => ({ key: undefined, item, pointer: `${pointer}/${index}` }))
    : Object.entries(value).map(([key, item]) => ({
        key,
        item,
        pointer: `${pointer}/${escapePointerToken(key)}`,
      }));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;

  const print = (entry: (typeof entries)[number], itemDepth: number) => {
    const key = entry.key === undefined ? '' : `${JSON.stringify(entry.key)}: `;
    return key + printValue(entry.item, entry.pointer, itemDepth, layout);
  };

  const wasInline = layout.byPointer.get(pointer) ?? layout.byShape.get(shapeOf(pointer));
  const inlineText = printInline(value, open, close, entries.map((entry) => print(entry, 0)));
  const fitsOnOneLine = INDENT.length * depth + inlineText.length <= LINE_WIDTH;
  const keepInline = wasInline ?? (holdsOnlyScalars(value) && fitsOnOneLine);
  if (keepInline && !inlineText.includes('\n')) return inlineText;

  const innerIndent = INDENT.repeat(depth + 1);
  const lines = entries.map((entry) => innerIndent + print(entry, depth + 1));
  return `${open}\n${lines.join(',\n')}\n${INDENT.repeat(depth)}${close}`;
}

function printInline(value: Json, open: string, close: string, items: string[]): string {
  // Objects on one line keep a space inside the braces, arrays do not: { "zip": "60601" }, ["a"].
  return Array.isArray(value) ? `${open}${items.join(', ')}${close}` : `${open} ${items.join(', ')} ${close}`;
}

function holdsOnlyScalars(value: Json): boolean {
  const items = Array.isArray(value) ? value : Object.values(value as object);
  return items.every((item) => item === null || typeof item !== 'object' || isScalarArray(item));
}

function isScalarArray(item: unknown): boolean {
  return Array.isArray(item) && item.every((inner) => inner === null || typeof inner !== 'object');
}
