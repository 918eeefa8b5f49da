import type { ShownProblem } from '../problems.js';
import type { RuleFiles } from './history.js';
import { ruleSetFiles, rulesOf } from './ruleModel.js';

/**
 * Highest rule priority the editor and its save API accept. The shipped rules use at most 100, so a
 * larger number is almost always a slip of the keyboard.
 * NOTE: the rule-set schema sets no maximum, so `ringback rules check` and the worker accept
 * larger priorities written in a text editor.
 */
export const MAX_PRIORITY = 1_000_000;

/** Returns a problem for every rule whose priority is a number above MAX_PRIORITY. */
export function checkPriorityRange(files: RuleFiles): ShownProblem[] {
  return ruleSetFiles(files).flatMap((file) =>
    rulesOf(files, file)
      .filter(({ rule }) => typeof rule.priority === 'number' && rule.priority > MAX_PRIORITY)
      .map(({ rule, pointer }) => ({
        code: 'priority-out-of-range' as const,
        file,
        path: `${pointer}/priority`,
        message:
          `${file}: ${pointer}/priority: priority ${String(rule.priority)} of rule ` +
          `'${String(rule.name)}' is above the maximum of ${MAX_PRIORITY}`,
      })),
  );
}
