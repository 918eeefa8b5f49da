import {
  renderTemplate,
  TEMPLATE_VARIABLES,
  templateVariables,
  type RenderedMessage,
  type RuleBundle,
  type TemplateDefinition,
} from '../../../engine/index.js';

/** Stand-ins for variables the conversation fills in when it sends, so previews read naturally. */
export const SAMPLE_VALUES: Record<string, string> = {
  jobLabel: 'a water heater issue',
  voicemail: 'water heater leaking in the basement',
};

export interface TemplatePreview {
  rendered?: RenderedMessage;
  /** Variables that took a sample value because the business settings do not hold them. */
  sampled: { name: string; value: string }[];
  /**
   * Variables the product never fills in, such as a misspelt `company.nmae`. The preview keeps
   * them as written, `{{company.nmae}}`, and the checks report each as `unknown-variable`.
   */
  unknown: string[];
  error?: string;
}

/**
 * Renders one template as it would be sent, with the business's company values and samples for
 * the rest. It goes through the engine's `renderTemplate`, so the footer rule and the SMS count
 * are the engine's own, on a bundle of this one template: the preview works while other files
 * still have problems.
 */
export function previewTemplate(
  id: string,
  template: Partial<TemplateDefinition>,
  companyValues: Record<string, unknown>,
  samples: Record<string, string> = {},
): TemplatePreview {
  const text = typeof template.text === 'string' ? template.text : '';
  const { vars, sampled, unknown } = withSamples(text, companyValues, samples);

  // NOTE: this relies on renderTemplate reading only `templates` from the bundle. If it reads
  // more one day, template previews show its error instead of a count.
  const bundle = { templates: { [id]: { ...template, text } } } as unknown as RuleBundle;
  try {
    return { rendered: renderTemplate(bundle, id, vars), sampled, unknown };
  } catch (error) {
    return { sampled, unknown, error: (error as Error).message };
  }
}

/**
 * Adds a sample value for each variable of `text` that `known` does not hold. A variable the
 * product never fills in gets its own `{{name}}` as its value, so the text shows it unfilled.
 */
export function withSamples(
  text: string,
  known: Record<string, unknown>,
  samples: Record<string, string> = {},
) {
  const vars: Record<string, unknown> = structuredClone(known);
  const sampled: TemplatePreview['sampled'] = [];
  const unknown: string[] = [];
  for (const name of templateVariables(text)) {
    if (!TEMPLATE_VARIABLES.has(name)) {
      unknown.push(name);
      setValueAt(vars, name, `{{${name}}}`);
      continue;
    }
    if (valueAt(vars, name) !== undefined) continue;
    const value = samples[name] ?? SAMPLE_VALUES[name] ?? name;
    setValueAt(vars, name, value);
    sampled.push({ name, value });
  }
  return { vars, sampled, unknown };
}

function valueAt(vars: Record<string, unknown>, path: string): unknown {
  let value: unknown = vars;
  for (const key of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

/** Sets a dotted path, leaving vars unchanged where a part of the path is already a text. */
function setValueAt(vars: Record<string, unknown>, path: string, value: string) {
  const keys = path.split('.');
  let target = vars;
  for (const key of keys.slice(0, -1)) {
    if (target[key] === undefined || target[key] === null) target[key] = {};
    if (typeof target[key] !== 'object') return;
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}
