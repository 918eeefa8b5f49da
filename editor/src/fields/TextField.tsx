import { useId } from 'react';
import { getAt } from '../model/pointer.js';
import { useEditor } from '../state/EditorContext.js';

interface TextFieldProps {
  label: string;
  file: string;
  pointer: string;
  multiline?: boolean;
  readOnly?: boolean;
  /** Options offered while typing; any other text is still allowed. */
  suggestions?: readonly string[];
}

/** Edits one string of a rule file in a labelled text input. */
export function TextField({
  label,
  file,
  pointer,
  multiline,
  readOnly,
  suggestions,
}: TextFieldProps) {
  const { files, setValue } = useEditor();
  const id = useId();
  const value = getAt(files[file], pointer);
  const text = typeof value === 'string' ? value : '';
  const onChange = (next: string) => setValue(file, pointer, next);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={text}
          readOnly={readOnly}
          tabIndex={readOnly ? -1 : undefined}
          rows={4}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          value={text}
          readOnly={readOnly}
          tabIndex={readOnly ? -1 : undefined}
          list={suggestions ? `${id}-suggestions` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {suggestions && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      )}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  file: string;
  pointer: string;
  /** Shown as the placeholder when the key is absent. */
  defaultValue: number;
  min: number;
  max: number;
  readOnly?: boolean;
}

/**
 * Edits a whole number in a labelled input. Clearing the field stores `null`, which the schema
 * rejects, so an empty value is a problem that blocks saving instead of a silently removed key.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, file, pointer, defaultValue, min, max, readOnly } = props;
  const { files, setValue } = useEditor();
  const id = useId();
  const value = getAt(files[file], pointer);
  const error = numberError(value, min, max);

  const onChange = (text: string) => {
    if (text.trim() === '') {
      setValue(file, pointer, null);
      return;
    }
    const number = Number(text);
    // A value the checks reject (0, 1.5, too large) is still stored, so its problem shows
    // instead of the keystroke vanishing.
    if (Number.isFinite(number)) setValue(file, pointer, number);
  };

  return (
    <div className="field field-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={1}
        min={min}
        max={max}
        value={typeof value === 'number' ? value : ''}
        placeholder={value === undefined ? String(defaultValue) : undefined}
        readOnly={readOnly}
        tabIndex={readOnly ? -1 : undefined}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Returns why a stored number is invalid, or undefined when it is absent or fine. */
function numberError(value: unknown, min: number, max: number): string | undefined {
  const range = `a whole number from ${min} to ${max.toLocaleString('en-US')}`;
  if (value === undefined) return undefined;
  if (typeof value !== 'number') return `Missing value: enter ${range}.`;
  if (!Number.isInteger(value) || value < min || value > max) return `Enter ${range}.`;
  return undefined;
}
