import type { Problem, ProblemCode } from '../../engine/index.js';

/** Problems the editor finds itself, beside those of `checkRuleFiles`. */
export type EditorProblemCode =
  'invalid-json' | 'engine-error' | 'save-conflict' | 'access-denied' | 'load-failed';

/** A problem as the editor shows it: the engine's shape, with editor codes allowed. */
export interface ShownProblem extends Omit<Problem, 'code'> {
  code: ProblemCode | EditorProblemCode;
}

interface ProblemHelp {
  /** Short title shown beside the code. */
  title: string;
  /** Advice on fixing it, in one sentence. */
  fix: string;
}

/**
 * Every problem code the editor can show, with what to do about it. The codes are stable:
 * tests and embedders match on them, and docs/editor.md lists them under the same names.
 */
export const PROBLEM_HELP: Record<ShownProblem['code'], ProblemHelp> = {
  schema: {
    title: 'Not allowed by the schema',
    fix: 'Change the value to the type or form the path expects.',
  },
  'missing-schema': {
    title: 'No schema for this file',
    fix: 'Rename the file to one the rules folder expects.',
  },
  'missing-file': {
    title: 'Rule file missing',
    fix: 'Restore the file in the rules folder from git.',
  },
  'invalid-schema': {
    title: 'Schema cannot be compiled',
    fix: 'Fix the JSON Schema under schemas/; the rule file itself may be fine.',
  },
  'unknown-template': {
    title: 'Template not defined',
    fix: 'Pick a template id that templates.json defines, or add it there.',
  },
  'unknown-operator': {
    title: 'Unknown operator',
    fix: 'Choose an operator from the list, such as mentions or equal.',
  },
  'unknown-fact': {
    title: 'Unknown fact',
    fix: 'Choose a fact from the list: message, afterHours, zip or wordCount.',
  },
  'unknown-phrase-list': {
    title: 'Phrase list not defined',
    fix: 'Use a list name from phrases.json, or add the list there.',
  },
  'duplicate-rule': {
    title: 'Two rules share a name',
    fix: 'Give each rule its own name; decisions record rules by name.',
  },
  'priority-tie': {
    title: 'Priorities tie',
    fix: 'Give one of the rules a higher priority so the order is deliberate.',
  },
  'unknown-timezone': {
    title: 'Unknown time zone',
    fix: 'Use an IANA time zone name such as America/Chicago.',
  },
  'unknown-variable': {
    title: 'Unknown template variable',
    fix: 'Use a variable the product fills in, such as {{company.name}}, or fix its spelling.',
  },
  'unknown-technician': {
    title: 'Technician not listed',
    fix: 'Add the technician to technicians, or use the id of one listed there.',
  },
  'invalid-json': {
    title: 'File is not valid JSON',
    fix: 'Fix the file on disk in a text editor, then reload.',
  },
  'engine-error': {
    title: 'Rules cannot be loaded',
    fix: 'Fix the problems listed; the try-it panel needs loadable rules.',
  },
  'wrong-fact': {
    title: 'Operator needs the message',
    fix: 'Phrase operators such as mentions read the customer text: set the fact to message.',
  },
  'save-conflict': {
    title: 'Changed on disk',
    fix: 'Reload the editor, then make the edit again.',
  },
  'access-denied': {
    title: 'Not allowed',
    fix: 'Open the editor on this machine, or enter the editor token.',
  },
  'load-failed': {
    title: 'Could not load',
    fix: 'Check that the Ringback server is running, then reload.',
  },
};

/** Help for a code, including codes a newer engine added after this table was written. */
export function helpFor(code: string): ProblemHelp {
  return (
    PROBLEM_HELP[code as ShownProblem['code']] ?? {
      title: code,
      fix: 'See the message for details.',
    }
  );
}
