/** Rendering message templates: variables, the opt-out footer and the SMS length. */
import type { RuleBundle } from './bundle.js';
import { measureSms, type SmsLength } from './sms.js';

/** The opt-out footer every template ends with unless its `footer` is false. */
export const OPT_OUT_FOOTER = 'Reply STOP to opt out.';

const VARIABLE = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/gu;

export interface RenderedMessage extends SmsLength {
  text: string;
}

/**
 * Renders a template with `{{company.name}}`-style variables (dotted paths into `vars`) and
 * appends the opt-out footer when the template has one and the text does not already say it.
 * Throws when the template or a variable it uses is missing.
 */
export function renderTemplate(
  bundle: RuleBundle,
  templateId: string,
  vars: Record<string, unknown>,
): RenderedMessage {
  const template = Object.hasOwn(bundle.templates, templateId)
    ? bundle.templates[templateId]
    : undefined;
  if (!template) {
    throw new Error(`renderTemplate: template '${templateId}' is not defined in templates.json`);
  }

  let text = template.text.replace(VARIABLE, (_, path: string) =>
    variableText(templateId, path, vars),
  );
  const hasFooter = text.toLowerCase().includes(OPT_OUT_FOOTER.toLowerCase());
  if (template.footer !== false && !hasFooter) text = `${text}\n${OPT_OUT_FOOTER}`;

  return { text, ...measureSms(text) };
}

/** Names every variable a template text uses, e.g. `company.name`. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1]))];
}

function variableText(templateId: string, path: string, vars: Record<string, unknown>): string {
  let value: unknown = vars;
  for (const key of path.split('.')) {
    const isObject = typeof value === 'object' && value !== null;
    const container = value as Record<string, unknown>;
    value = isObject && Object.hasOwn(container, key) ? container[key] : undefined;
  }
  if (value === undefined || value === null) {
    throw new Error(
      `renderTemplate: template '${templateId}' uses variable '${path}', which has no value; ` +
        `pass it in vars`,
    );
  }
  if (typeof value === 'object') {
    throw new Error(
      `renderTemplate: variable '${path}' of template '${templateId}' is an object; ` +
        `name one of its fields, e.g. '${path}.name'`,
    );
  }
  return String(value);
}
