import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRuleFile } from '../../editor/src/format/stableJson.js';

const RULES_DIR = join(import.meta.dirname, '..', '..', 'rules');
const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.json'));

// The editor writes files in this format, so a file already in it keeps an edit of one word to
// a diff of one line.
describe('rule files on disk', () => {
  it.each(files)('%s is in the format the editor writes', (name) => {
    const text = readFileSync(join(RULES_DIR, name), 'utf8');
    expect(formatRuleFile(JSON.parse(text), text)).toBe(text);
  });
});
