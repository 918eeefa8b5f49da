import { useId } from 'react';
import { getAt } from '../model/pointer.js';
import { useEditor } from '../state/EditorContext.js';
import { useDraft } from './useDraft.js';

interface JsonValueFieldProps {
  label: string;
  file: string;
  pointer: string;
  readOnly?: boolean;
}

/**
 * Edits any JSON value (a number, true, a list) as JSON text in a labelled field. Text that is
 * not JSON yet stays in the field, marked invalid, and is not stored until it parses.
 */
export function JsonValueField({ label, file, pointer, readOnly }: JsonValueFieldProps) {
  const { files, setValue } = useEditor();
  const id = useId();
  const stored = getAt(files[file], pointer);
  const storedText = stored === undefined ? '' : JSON.stringify(stored);
  const [draft, setDraft] = useDraft(storedText, sameJson);
  const invalid = !parsesAsJson(draft);

  const onChange = (text: string) => {
    setDraft(text);
    if (parsesAsJson(text)) setValue(file, pointer, JSON.parse(text));
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono"
        value={draft}
        readOnly={readOnly}
        tabIndex={readOnly ? -1 : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid && (
        <span id={`${id}-error`} className="field-error">
          Not valid JSON yet: write a number, true, false, null, "text" or a [list].
        </span>
      )}
    </div>
  );
}

function sameJson(draft: string, storedText: string): boolean {
  try {
    return JSON.stringify(JSON.parse(draft)) === storedText;
  } catch {
    return false;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
