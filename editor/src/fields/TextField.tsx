import { useId } from 'react';
import { getAt, removeAt } from '../model/pointer.js';
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
          rows={4}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          id={id}
          value={text}
          readOnly={readOnly}
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
  readOnly?: boolean;
}

/** Edits a whole number in a labelled input; clearing it removes the key so the default applies. */
export function NumberField({ label, file, pointer, defaultValue, readOnly }: NumberFieldProps) {
  const { files, setValue, editFile } = useEditor();
  const id = useId();
  const value = getAt(files[file], pointer);

  const onChange = (text: string) => {
    if (text.trim() === '') {
      editFile(file, (content) =>
        getAt(content, pointer) === undefined ? content : removeAt(content, pointer),
      );
      return;
    }
    const number = Number(text);
    // A value the schema rejects (0, 1.5) is still stored, so its problem shows instead of the
    // keystroke vanishing.
    if (Number.isFinite(number)) setValue(file, pointer, number);
  };

  return (
    <div className="field field-number">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={1}
        value={typeof value === 'number' ? value : ''}
        placeholder={String(defaultValue)}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
