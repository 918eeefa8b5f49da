/** Content hashing of rule files, in pure JavaScript so it also runs in the browser. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Hashes parsed rule files with sha256 (hex). Keys are sorted first, so reformatting a file or
 * reordering its keys keeps the hash, while any change of content changes it.
 */
export function hashRuleFiles(files: Record<string, unknown>): string {
  const names = Object.keys(files).sort();
  const text = names.map((name) => `${name}\n${canonicalJson(files[name])}\n`).join('');
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const entries = Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
