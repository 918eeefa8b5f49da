/**
 * The rule engine: checks and loads rule files, classifies customer texts and renders message
 * templates. It imports nothing Node-only, so the editor runs it in the browser and workflows
 * run it in Temporal's sandbox.
 */
export type {
  Classification,
  ClassifyInput,
  ClassifyOptions,
  ConditionOutcome,
  Decision,
  ExplainDetail,
  FiredRule,
  Intent,
  JobType,
  Keyword,
  Problem,
  ProblemCode,
  PropertyType,
  Urgency,
} from './types.js';
export { CLASSIFICATION_FIELDS } from './types.js';
export { checkBusinessSettings, checkRuleFiles, REQUIRED_FILES } from './check.js';
export { BUSINESS_FILE } from './check-business.js';
export { problem, relocateProblem } from './problems.js';
export {
  CLASSIFIER_RULE_FILES,
  loadRuleBundle,
  RuleBundleError,
  type RuleBundle,
  type RuleDefinition,
  type TemplateDefinition,
} from './bundle.js';
export { createClassifier, type Classifier } from './classifier.js';
export {
  OPT_OUT_FOOTER,
  renderTemplate,
  templateVariables,
  type RenderedMessage,
} from './templates.js';
export { measureSms, type SmsEncoding, type SmsLength } from './sms.js';
export { BUNDLED_SCHEMAS, schemaNameFor, type SchemaSet } from './schemas.js';
export { FACTS, type FactName } from './facts.js';
export { TEMPLATE_VARIABLES } from './template-variables.js';
export { CUSTOM_OPERATORS, isKnownOperator } from './operators.js';
export { hashRuleFiles } from './hash.js';
export { SEVERITY } from './decide.js';
