import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatRuleFile } from '../src/format/stableJson.js';

/** File names the API reads and writes: plain `*.json` names, so no path can leave the folder. */
export const RULE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;

/** One rule file as it is on disk. */
export interface StoredRuleFile {
  raw: string;
  /** Parsed content, or undefined when the text is not valid JSON. */
  json: unknown;
  /** Short content hash; a save that names an older version is rejected as a conflict. */
  version: string;
  parseError?: string;
}

export function versionOf(raw: string): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** Reads every rule file in `rulesDir`, by file name. */
export async function readRuleFolder(rulesDir: string): Promise<Record<string, StoredRuleFile>> {
  const names = (await readdir(rulesDir)).filter((name) => RULE_FILE_NAME.test(name)).sort();
  const entries = await Promise.all(
    names.map(
      async (name) => [name, parseStored(await readFile(join(rulesDir, name), 'utf8'))] as const,
    ),
  );
  return Object.fromEntries(entries);
}

function parseStored(raw: string): StoredRuleFile {
  try {
    return { raw, json: JSON.parse(raw), version: versionOf(raw) };
  } catch (error) {
    return { raw, json: undefined, version: versionOf(raw), parseError: (error as Error).message };
  }
}

/** A file to write: its new content and, optionally, the version the editor started from. */
export interface RuleFileChange {
  json: unknown;
  baseVersion?: string;
}

/** Result of planning a save: the text each changed file gets, or why the save cannot go on. */
export type SavePlan =
  | { kind: 'ready'; texts: Record<string, string>; allFiles: Record<string, unknown> }
  | { kind: 'not-found'; file: string }
  | { kind: 'conflict'; file: string; current: StoredRuleFile };

/**
 * Works out the formatted text of each changed file against what is on disk now, and the full
 * set of files as it would be after the save (for validation).
 */
export function planSave(
  stored: Record<string, StoredRuleFile>,
  changes: Record<string, RuleFileChange>,
): SavePlan {
  const allFiles: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(stored)) allFiles[name] = file.json;

  const texts: Record<string, string> = {};
  for (const [name, change] of Object.entries(changes)) {
    const current = stored[name];
    if (!current) return { kind: 'not-found', file: name };
    if (change.baseVersion !== undefined && change.baseVersion !== current.version) {
      return { kind: 'conflict', file: name, current };
    }
    texts[name] = formatRuleFile(change.json, current.raw);
    allFiles[name] = change.json;
  }
  return { kind: 'ready', texts, allFiles };
}

/**
 * Writes each file through a temporary file and a rename, so a crash or a reader in the
 * middle never reads half a file. Files are renamed one after another, so a crash between two
 * renames can leave a multi-file save half applied.
 */
export async function writeRuleFiles(rulesDir: string, texts: Record<string, string>) {
  const staged = await Promise.all(
    Object.entries(texts).map(async ([name, text]) => {
      const target = join(rulesDir, name);
      const temporary = join(rulesDir, `.${name}.${process.pid}.saving`);
      await writeFile(temporary, text, 'utf8');
      return { temporary, target };
    }),
  );
  for (const { temporary, target } of staged) await rename(temporary, target);
}
