/** Urgency of a message, from most to least urgent. */
export type Urgency = 'gas' | 'emergency' | 'sewer' | 'routine' | 'none';

/** The CRM job tag; null when the message names no job. */
export type JobType =
  'Water Heater' | 'Drain/Sewer' | 'Pipe Repair' | 'Fixture Repair' | 'Gas Line' | 'Other' | null;

/** Carrier keyword: STOP opts out, HELP requests help with the texts, START opts back in. */
export type Keyword = 'STOP' | 'HELP' | 'START' | null;

export type PropertyType = 'residential' | 'commercial' | 'unknown';

export type Intent = 'ready_to_book' | 'price_shopping' | 'second_opinion' | 'unknown';

/** The classification of one customer text, as `ringback rules classify` prints it. */
export interface Classification {
  urgency: Urgency;
  jobType: JobType;
  keyword: Keyword;
  propertyType: PropertyType;
  intent: Intent;
  /** The 5-digit ZIP code written in the text (ZIP+4 cut to five), or null. */
  zip: string | null;
  /** Names of the rules that fired, in the order the engine ran them. */
  rules: string[];
}

/** One condition of a rule as the engine evaluated it. */
export interface ConditionOutcome {
  fact: string;
  operator: string;
  /** The value the rule expects, as written in the rule file. */
  expected: unknown;
  /** The value the fact had: for `message`, the normalised text. */
  saw: unknown;
  /** The message words the phrase operators matched, e.g. `smell gas`. */
  matched?: string[];
  result: boolean;
}

/** One rule and how it came out on this message. */
export interface FiredRule {
  name: string;
  /** The rules file the rule comes from, e.g. `triage.json`. */
  file: string;
  result: boolean;
  /** The rule's event; a compact explanation leaves it out for a rule that did not fire. */
  event?: { type: string; params: Record<string, unknown> };
  /**
   * Leaf conditions in rule order. A compact explanation keeps, for a rule that did not fire,
   * only the first condition that made it fail.
   */
  conditions: ConditionOutcome[];
}

/** The classifier's decision on one message, with the reasons. */
export interface Decision extends Classification {
  /** Id of the template the reply should use, or null when the conversation decides. */
  template: string | null;
  /** The conversation branch the winning event chose, e.g. `dispatch`, or null. */
  branch: string | null;
  /** Content hash of the rule files the decision was made with. */
  rulesHash: string;
  /**
   * Every rule the engine evaluated, fired or not, in rule-file order. How many conditions each
   * rule lists depends on `ClassifyOptions.explain`.
   */
  explain: FiredRule[];
}

export interface ClassifyInput {
  text: string;
  /** True when the message arrives outside business hours. Default: false. */
  afterHours?: boolean;
}

/**
 * Detail of `Decision.explain`. `compact` lists every condition of the rules that fired and only
 * the first failed condition of the others. `full` lists every condition of every rule.
 */
export type ExplainDetail = 'compact' | 'full';

export interface ClassifyOptions {
  /** Default: `compact`, which is what conversations store with each message. */
  explain?: ExplainDetail;
}

/** A problem found in the rule files, with a stable code the editor can handle. */
export interface Problem {
  code: ProblemCode;
  /** File name inside rules/, e.g. `triage.json`. */
  file: string;
  /** JSON pointer to the offending value, e.g. `/rules/3/event/params/template`. */
  path: string;
  message: string;
  /** 1-based line of an `invalid-json` problem, when the parser gives its position. */
  line?: number;
  /** 1-based column, in UTF-16 code units, that goes with `line`. */
  column?: number;
}

export type ProblemCode =
  | 'schema'
  | 'missing-schema'
  | 'missing-file'
  | 'invalid-schema'
  | 'unknown-template'
  | 'unknown-variable'
  | 'unknown-operator'
  | 'unknown-fact'
  | 'wrong-fact'
  | 'unknown-phrase-list'
  | 'duplicate-rule'
  | 'priority-tie'
  | 'invalid-json'
  | 'unknown-timezone'
  | 'unknown-technician';

/** The classification's fields, in the order `rules classify` prints them. */
export const CLASSIFICATION_FIELDS = [
  'urgency',
  'jobType',
  'keyword',
  'propertyType',
  'intent',
  'zip',
] as const;
