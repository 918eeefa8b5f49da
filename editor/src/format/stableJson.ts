import {
  escapePointerToken,
  readLayout,
  shapeOf,
  type JsonLayout,
  type LaidOutItem,
} from './jsonLayout.js';

/** Line width that new containers, and items added to filled lists, must fit in. */
export const LINE_WIDTH = 100;

const INDENT = '  ';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Entry {
  identity: string;
  text: (depth: number) => string;
}

/**
 * Formats a rule file the way it is stored in git: keys in their existing order, two-space
 * indent and a final newline. Each array and object keeps the layout `previousText` gave it:
 * one line, one item per line, or several items per line. Items keep the lines they were on,
 * so changing or adding one word changes one line of the file. A new container takes the
 * layout of its siblings, so a new rule is written like the others. With none to copy, it gets
 * one line when it holds only scalars and fits in {@link LINE_WIDTH}.
 *
 * @example formatRuleFile({ a: ['x', 'y'] }, '{\n  "a": ["x"]\n}\n') // '{\n  "a": ["x", "y"]\n}\n'
 */
export function formatRuleFile(value: unknown, previousText?: string): string {
  const layout = readLayout(previousText ?? '');
  return `${printValue(value as Json, '', 0, layout)}\n`;
}

function printValue(value: Json, pointer: string, depth: number, layout: JsonLayout): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);

  const isArray = Array.isArray(value);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  const entries = entriesOf(value, pointer, layout);
  if (entries.length === 0) return `${open}${close}`;

  const inline = isArray
    ? `[${entries.map((entry) => entry.text(0)).join(', ')}]`
    : `{ ${entries.map((entry) => entry.text(0)).join(', ')} }`;
  const previous = layout.byPointer.get(pointer);
  const kind = previous?.kind ?? layout.byShape.get(shapeOf(pointer));
  const fits = INDENT.length * depth + inline.length <= LINE_WIDTH;

  const canBeInline = !inline.includes('\n');
  if (kind === 'inline' && canBeInline) return inline;
  if (kind === undefined && canBeInline && fits && holdsOnlyScalars(value)) return inline;

  const lines =
    kind === 'fill' && canBeInline
      ? fillLines(entries, previous?.kind === 'fill' ? previous.items : [], depth + 1)
      : entries.map((entry) => entry.text(depth + 1));
  const innerIndent = INDENT.repeat(depth + 1);
  const body = lines.map((line) => innerIndent + line).join(',\n');
  return `${open}\n${body}\n${INDENT.repeat(depth)}${close}`;
}

function entriesOf(
  value: Json[] | { [key: string]: Json },
  pointer: string,
  layout: JsonLayout,
): Entry[] {
  if (Array.isArray(value)) {
    return value.map((item, index) => ({
      identity: JSON.stringify(item),
      text: (depth) => printValue(item, `${pointer}/${index}`, depth, layout),
    }));
  }
  return Object.entries(value).map(([key, item]) => ({
    identity: key,
    text: (depth) => {
      const itemPointer = `${pointer}/${escapePointerToken(key)}`;
      return `${JSON.stringify(key)}: ${printValue(item, itemPointer, depth, layout)}`;
    },
  }));
}

/**
 * Packs items several to a line. Items that were in the file stay on the line they were on.
 * A new item joins the line of the item before it when that line still fits, else starts one.
 */
function fillLines(entries: Entry[], previousItems: LaidOutItem[], depth: number): string[] {
  const oldIndexOf = matchItems(
    previousItems.map((item) => item.identity),
    entries.map((entry) => entry.identity),
  );
  const available = LINE_WIDTH - INDENT.length * depth - 1;
  const lines: { key: string; items: string[] }[] = [];

  entries.forEach((entry, index) => {
    const text = entry.text(0);
    const oldIndex = oldIndexOf[index];
    const last = lines.at(-1);
    if (oldIndex !== undefined) {
      const key = `old:${previousItems[oldIndex].line}`;
      if (last?.key === key) last.items.push(text);
      else lines.push({ key, items: [text] });
      return;
    }
    if (last && [...last.items, text].join(', ').length <= available) last.items.push(text);
    else lines.push({ key: `new:${index}`, items: [text] });
  });
  return lines.map((line) => line.items.join(', '));
}

/**
 * Pairs each new item with an unchanged old one by the longest common subsequence, so items
 * that stayed keep their lines. Returns the old index for each new item, or undefined.
 */
function matchItems(oldIds: string[], newIds: string[]): (number | undefined)[] {
  const rows = oldIds.length + 1;
  const columns = newIds.length + 1;
  const lengths = new Uint32Array(rows * columns);
  for (let i = oldIds.length - 1; i >= 0; i--) {
    for (let j = newIds.length - 1; j >= 0; j--) {
      lengths[i * columns + j] =
        oldIds[i] === newIds[j]
          ? lengths[(i + 1) * columns + j + 1] + 1
          : Math.max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1]);
    }
  }

  const matched: (number | undefined)[] = new Array(newIds.length).fill(undefined);
  let i = 0;
  let j = 0;
  while (i < oldIds.length && j < newIds.length) {
    if (oldIds[i] === newIds[j]) matched[j++] = i++;
    else if (lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1]) i++;
    else j++;
  }
  return matched;
}

function holdsOnlyScalars(value: Json): boolean {
  const items = Array.isArray(value) ? value : Object.values(value as object);
  return items.every((item) => item === null || typeof item !== 'object' || isScalarArray(item));
}

function isScalarArray(item: unknown): boolean {
  return Array.isArray(item) && item.every((inner) => inner === null || typeof inner !== 'object');
}
