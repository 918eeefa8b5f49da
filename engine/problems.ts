/**
 * Problems found in rule files: one table of stable codes, each with the message it builds, so
 * the command line and the editor word the same problem the same way.
 */
import { FACTS } from './facts.js';
import { COMPANY_VARIABLES } from './template-variables.js';
import type { Problem, ProblemCode } from './types.js';

const explanations: Record<ProblemCode, (detail: string) => string> = {
  schema: (detail) => detail,
  'missing-schema': (schema) => `no schema ${schema} in schemas/, so the file cannot be checked`,
  'missing-file': (detail) => detail,
  'invalid-schema': (detail) => `the schema itself is invalid: ${detail}`,
  'unknown-template': (id) => `template '${id}' is not defined in templates.json`,
  'unknown-variable': (name) =>
    `variable '${name}' is not one the product fills in; use one such as ` +
    `${COMPANY_VARIABLES.map((variable) => `{{${variable}}}`).join(', ')}`,
  'unknown-operator': (name) => `operator '${name}' is not registered with the engine`,
  'unknown-fact': (name) =>
    `fact '${name}' is not defined; the engine provides ${Object.keys(FACTS).join(', ')}`,
  'wrong-fact': (detail) => detail,
  'unknown-phrase-list': (name) => `phrase list '${name}' is not defined in phrases.json`,
  'duplicate-rule': (detail) => detail,
  'priority-tie': (detail) => detail,
  'invalid-json': (detail) => detail,
  'unknown-timezone': (zone) =>
    `time zone '${zone}' is not a valid IANA time zone; use a name such as America/Chicago`,
  'unknown-technician': (id) =>
    `technician '${id}' is not in /technicians; add the technician or correct the id`,
};

/** Builds a problem whose message reads `rules/FILE: PATH: what is wrong`. */
export function problem(code: ProblemCode, file: string, path: string, detail: string): Problem {
  const where = path === '' ? `rules/${file}` : `rules/${file}: ${path}`;
  return { code, file, path, message: `${where}: ${explanations[code](detail)}` };
}

/**
 * Returns the problem with `location` (such as `/srv/ringback/rules/triage.json`) in place of
 * `rules/FILE` at the start of its message, for callers that checked a file kept elsewhere.
 */
export function relocateProblem(found: Problem, location: string): Problem {
  const prefix = `rules/${found.file}`;
  if (!found.message.startsWith(prefix)) return found;
  return { ...found, message: location + found.message.slice(prefix.length) };
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/gu, '~0').replace(/\//gu, '~1');
}
