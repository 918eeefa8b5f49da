/** Splits a JSON pointer (RFC 6901) such as `/rules/0/name` into its unescaped tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`pointer: '${pointer}' must start with '/'`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Joins tokens into a JSON pointer, escaping `~` and `/`. */
export function toPointer(tokens: ReadonlyArray<string | number>): string {
  return tokens
    .map((token) => `/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`)
    .join('');
}

/** Reads the value at `pointer`, or undefined when any step is missing. */
export function getAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/**
 * Returns a copy of `root` with `update` applied to the value at `pointer`. Only the containers
 * along the path are copied, so unchanged parts keep their identity and React skips them.
 */
export function updateAt(
  root: unknown,
  pointer: string,
  update: (value: unknown) => unknown,
): unknown {
  return updateTokens(root, parsePointer(pointer), update);
}

function updateTokens(
  node: unknown,
  tokens: string[],
  update: (value: unknown) => unknown,
): unknown {
  if (tokens.length === 0) return update(node);

  const [head, ...rest] = tokens;
  if (Array.isArray(node)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index > node.length) {
      throw new Error(`pointer: index '${head}' is outside an array of ${node.length}`);
    }
    const copy = node.slice();
    copy[index] = updateTokens(node[index], rest, update);
    return copy;
  }
  if (node === null || typeof node !== 'object') {
    throw new Error(`pointer: cannot step into ${JSON.stringify(node)} with '${head}'`);
  }
  const record = node as Record<string, unknown>;
  return { ...record, [head]: updateTokens(record[head], rest, update) };
}

/** Sets the value at `pointer`, adding the last key when it is missing. */
export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  return updateAt(root, pointer, () => value);
}

/** Removes an array item or object key; the parent must exist. */
export function removeAt(root: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  if (last === undefined) throw new Error('pointer: cannot remove the root');

  return updateTokens(root, tokens, (parent) => {
    if (Array.isArray(parent)) return parent.filter((_, index) => index !== Number(last));
    const { [last]: _removed, ...rest } = parent as Record<string, unknown>;
    return rest;
  });
}

/** Inserts `value` into the array at `arrayPointer`, at `index` or at the end. */
export function insertAt(
  root: unknown,
  arrayPointer: string,
  value: unknown,
  index?: number,
): unknown {
  return updateAt(root, arrayPointer, (array) => {
    if (!Array.isArray(array)) throw new Error(`pointer: '${arrayPointer}' is not an array`);
    const copy = array.slice();
    copy.splice(index ?? copy.length, 0, value);
    return copy;
  });
}
