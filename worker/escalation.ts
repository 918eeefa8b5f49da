import { Ajv2020 } from 'ajv/dist/2020.js';
import escalationSchema from '../schemas/escalation.schema.json' with { type: 'json' };
import type {
  DispatchRole,
  DispatchUrgency,
  TechnicianIntent,
} from '../workflows/dispatch-signals.ts';
import { timerSettings, type BusinessSettings } from './settings.ts';

/** The escalation policy of rules/escalation.json with every default filled in. */
export interface EscalationPolicy {
  chain: { role: DispatchRole; notice: string }[];
  ackTimeout: Partial<Record<DispatchUrgency, string>>;
  /** How many times the chain is walked while nobody acknowledges. */
  rounds: number;
  openFor: string;
  templates: {
    voice: string;
    repeat: string;
    unclear: string;
    released: string;
    update: string;
    acknowledged: string;
    taken: string;
    customerOpenHours: string;
    customerAfterHours: string;
  };
  replies: { acknowledge: string[]; called: string[]; release: string[] };
}

export const ESCALATION_FILE = 'escalation.json';

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  chain: [
    { role: 'onCall', notice: 'dispatch_notice' },
    { role: 'backup', notice: 'dispatch_escalation' },
    { role: 'owner', notice: 'dispatch_escalation' },
  ],
  ackTimeout: {},
  rounds: 1,
  openFor: '12h',
  templates: {
    voice: 'dispatch_voice_notice',
    repeat: 'dispatch_escalation',
    unclear: 'dispatch_unclear',
    released: 'dispatch_released',
    update: 'dispatch_update',
    acknowledged: 'dispatch_acknowledged',
    taken: 'dispatch_taken',
    customerOpenHours: 'dispatch_confirmation',
    customerAfterHours: 'dispatch_confirmation_after_hours',
  },
  replies: {
    acknowledge: [
      'ok',
      'okay',
      'k',
      '1',
      'yes',
      'y',
      'yep',
      'on it',
      'omw',
      'on my way',
      'got it',
      'accept',
      'taking it',
    ],
    called: [
      'called',
      'called them',
      'called customer',
      'called the customer',
      'spoke to them',
      'talked to them',
    ],
    // Written without apostrophes, as replies are read.
    // prettier-ignore
    release: [
      'cant make it', 'cannot make it', 'cant go', 'cant take it', 'cant do it', 'cannot do it',
      'not going to make it', 'give it to someone else', 'find someone else', 'release', 'pass',
    ],
  },
};

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateEscalation = ajv.compile(escalationSchema);

/** Thrown when rules/escalation.json fails its schema or names a template that does not exist. */
export class EscalationPolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`rules/${ESCALATION_FILE} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'EscalationPolicyError';
  }
}

/**
 * Reads the escalation policy from loaded rule files (by file name, as the rules store keeps
 * them), filling in defaults. Without an escalation.json the default policy applies. Throws an
 * EscalationPolicyError listing each invalid JSON path and each template missing from
 * templates.json.
 */
export function escalationPolicy(files: Readonly<Record<string, unknown>>): EscalationPolicy {
  const raw = files[ESCALATION_FILE];
  if (raw === undefined) return DEFAULT_ESCALATION_POLICY;
  if (!validateEscalation(raw)) {
    const problems = (validateEscalation.errors ?? []).map(
      (error) => `${error.instancePath || '/'}: ${error.message}`,
    );
    throw new EscalationPolicyError(problems);
  }

  const written = raw as Partial<EscalationPolicy>;
  const policy: EscalationPolicy = {
    chain: written.chain ?? DEFAULT_ESCALATION_POLICY.chain,
    ackTimeout: written.ackTimeout ?? {},
    rounds: written.rounds ?? DEFAULT_ESCALATION_POLICY.rounds,
    openFor: written.openFor ?? DEFAULT_ESCALATION_POLICY.openFor,
    templates: { ...DEFAULT_ESCALATION_POLICY.templates, ...written.templates },
    replies: { ...DEFAULT_ESCALATION_POLICY.replies, ...written.replies },
  };
  const missing = missingTemplates(policy, files['templates.json']);
  if (missing.length > 0) throw new EscalationPolicyError(missing);
  return policy;
}

function missingTemplates(policy: EscalationPolicy, templates: unknown): string[] {
  if (typeof templates !== 'object' || templates === null) return [];
  const exists = (id: string) => Object.hasOwn(templates, id);
  const problems: string[] = [];
  policy.chain.forEach((step, index) => {
    if (exists(step.notice)) return;
    problems.push(`/chain/${index}/notice: ${undefinedTemplate(step.notice)}`);
  });
  for (const [name, id] of Object.entries(policy.templates)) {
    if (!exists(id)) problems.push(`/templates/${name}: ${undefinedTemplate(id)}`);
  }
  return problems;
}

function undefinedTemplate(id: string): string {
  return `template '${id}' is not defined in templates.json`;
}

/** Returns the acknowledgement timeout for an urgency: the policy's, else timers.techAck. */
export function ackTimeoutFor(
  policy: EscalationPolicy,
  urgency: DispatchUrgency,
  settings: BusinessSettings,
): string {
  return policy.ackTimeout[urgency] ?? timerSettings(settings).techAck;
}

const NEGATIONS = new Set([
  'no',
  'not',
  'cant',
  'cannot',
  'wont',
  'didnt',
  'havent',
  'hasnt',
  'unable',
  'never',
  'busy',
]);
const POLITE_NO = /\b(no problem|no prob|no worries)\b/g;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(POLITE_NO, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function startsWith(text: string[], phrase: string[]): boolean {
  return phrase.length > 0 && phrase.every((word, index) => text[index] === word);
}

function contains(text: string[], phrase: string[]): boolean {
  return text.some((_, start) => startsWith(text.slice(start), phrase));
}

/**
 * Reads what a responder's text means: `release` when it contains a release phrase ("can't
 * make it"), `called` when it contains a called phrase ("called them"), `acknowledge` when it
 * starts with an acknowledge phrase ("ok", "on it", "1"), else `other`. Any other negation
 * ("not yet") makes it `other`, so "not called yet" and "no, busy" never count.
 */
export function readTechnicianReply(text: string, policy: EscalationPolicy): TechnicianIntent {
  const reply = words(text);
  if (policy.replies.release.some((phrase) => contains(reply, words(phrase)))) return 'release';
  if (reply.some((word) => NEGATIONS.has(word))) return 'other';
  if (policy.replies.called.some((phrase) => contains(reply, words(phrase)))) return 'called';
  if (policy.replies.acknowledge.some((phrase) => startsWith(reply, words(phrase)))) {
    return 'acknowledge';
  }
  return 'other';
}
