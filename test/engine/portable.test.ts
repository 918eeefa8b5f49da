import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

const engineDir = new URL('../../engine/', import.meta.url);
const NODE_MODULES = 'fs|path|crypto|events|os|child_process|url|buffer';
const NODE_ONLY = new RegExp(
  `from\\s+['"](?:node:)?(?:${NODE_MODULES})(?:/[^'"]*)?['"]|\\bBuffer\\b|\\bprocess\\.`,
  'u',
);

describe('engine/', () => {
  const files = readdirSync(engineDir).filter((name) => name.endsWith('.ts'));

  it.each(files)('%s uses no Node-only module', (name) => {
    const source = readFileSync(new URL(name, engineDir), 'utf8');
    expect(source).not.toMatch(NODE_ONLY);
  });
});
