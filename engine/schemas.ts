/**
 * The JSON Schemas bundled with the engine, so the browser and the workflow sandbox validate
 * rule files without reading disk. On Node, worker/rules-files.ts reads schemas/ instead, so a
 * schema added there is used without a change here.
 */
import business from '../schemas/business.schema.json' with { type: 'json' };
import classification from '../schemas/classification.schema.json' with { type: 'json' };
import keywords from '../schemas/keywords.schema.json' with { type: 'json' };
import phrases from '../schemas/phrases.schema.json' with { type: 'json' };
import qualification from '../schemas/qualification.schema.json' with { type: 'json' };
import ruleSet from '../schemas/rule-set.schema.json' with { type: 'json' };
import templates from '../schemas/templates.schema.json' with { type: 'json' };
import triage from '../schemas/triage.schema.json' with { type: 'json' };

/** Schemas by file name in schemas/, e.g. `triage.schema.json`. */
export type SchemaSet = Record<string, object>;

// NOTE: this list is fixed at build time, so a rules file whose schema was added to schemas/
// later (such as escalation.json) is reported as missing-schema unless the caller passes the
// schemas it read from the folder.
export const BUNDLED_SCHEMAS: SchemaSet = {
  'business.schema.json': business,
  'classification.schema.json': classification,
  'keywords.schema.json': keywords,
  'phrases.schema.json': phrases,
  'qualification.schema.json': qualification,
  'rule-set.schema.json': ruleSet,
  'templates.schema.json': templates,
  'triage.schema.json': triage,
};

/** Returns the schema file name for a rules file: `triage.json` has `triage.schema.json`. */
export function schemaNameFor(ruleFile: string): string {
  return ruleFile.replace(/\.json$/u, '') + '.schema.json';
}
