import { useId } from 'react';
import { CLASSIFICATION_FIELDS } from '../../../engine/index.js';
import type { FiredRule, RenderedMessage } from '../../../engine/index.js';
import { useLabels } from '../labels.js';
import type { TryItInput, TryItResult } from '../state/useTryIt.js';
import { ConditionOutcomes } from './ConditionOutcomes.js';

interface TryItPanelProps {
  input: TryItInput;
  onInput(input: TryItInput): void;
  result: TryItResult;
}

/** Classifies a customer message with the rules being edited and shows why. */
export function TryItPanel({ input, onInput, result }: TryItPanelProps) {
  const labels = useLabels();
  const messageId = useId();
  const afterHoursId = useId();
  const { decision } = result;
  const fired = decision?.explain.filter((rule) => rule.result) ?? [];
  const notFired = decision?.explain.filter((rule) => !rule.result) ?? [];

  return (
    <div className="try-it" data-native-undo>
      <div className="field">
        <label htmlFor={messageId}>{labels.customerMessage}</label>
        <textarea
          id={messageId}
          rows={3}
          value={input.text}
          placeholder="e.g. pipe burst in the basement, water everywhere"
          onChange={(event) => onInput({ ...input, text: event.target.value })}
        />
      </div>
      <div className="field field-check">
        <input
          id={afterHoursId}
          type="checkbox"
          checked={input.afterHours}
          onChange={(event) => onInput({ ...input, afterHours: event.target.checked })}
        />
        <label htmlFor={afterHoursId}>{labels.afterHours}</label>
      </div>

      {result.error && (
        <p className="field-error" role="alert">
          {result.error}
        </p>
      )}
      {decision && (
        <section aria-label="Decision" aria-live="polite">
          <dl className="decision">
            {([...CLASSIFICATION_FIELDS, 'branch', 'template'] as const).map((field) => (
              <div key={field} data-field={field}>
                <dt>{field}</dt>
                <dd>{decision[field] === null ? '—' : String(decision[field])}</dd>
              </div>
            ))}
          </dl>
          <h3>Reply as sent</h3>
          {result.reply ? (
            <>
              <pre className="sms-preview" data-testid="reply">
                {result.reply.text}
              </pre>
              <p className="segments">{describeLength(result.reply)}</p>
              {result.sampled.length > 0 && (
                <p className="hint">
                  Sample values for {result.sampled.map((sample) => sample.name).join(', ')}: the
                  conversation fills them in when it sends.
                </p>
              )}
            </>
          ) : (
            <p>No template: the conversation decides the next message.</p>
          )}
          <h3>Rules that fired ({fired.length})</h3>
          {fired.map((rule) => (
            <RuleOutcome key={rule.name} rule={rule} />
          ))}
          <details>
            <summary>Rules that did not fire ({notFired.length})</summary>
            {notFired.map((rule) => (
              <RuleOutcome key={rule.name} rule={rule} />
            ))}
          </details>
        </section>
      )}
    </div>
  );
}

function RuleOutcome({ rule }: { rule: FiredRule }) {
  return (
    <article className={`rule-outcome ${rule.result ? 'passed' : 'failed'}`} data-rule={rule.name}>
      <h4>
        {rule.result ? '✓' : '✗'} {rule.name} <span className="muted">{rule.file}</span>
      </h4>
      <ConditionOutcomes rule={rule} />
    </article>
  );
}

/** Describes an SMS length: `2 segments · GSM-7 · 262 characters`. */
export function describeLength({ segments, encoding, characters }: RenderedMessage): string {
  const unit = segments === 1 ? 'segment' : 'segments';
  return `${segments} ${unit} · ${encoding} · ${characters} characters`;
}
