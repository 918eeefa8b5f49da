import { useId } from 'react';
import { useLabels } from '../labels.js';
import { getAt } from '../model/pointer.js';
import { phraseSpecParts, SPEC_PART_HELP } from '../model/phraseOperators.js';
import { PHRASES_FILE } from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';
import { useDraft } from './useDraft.js';

type Spec = Record<string, string[]>;

interface ListSpecFieldProps {
  file: string;
  /** Pointer of the condition's `value`. */
  pointer: string;
  /** A phrase operator such as `mentions` or `not:opensWith`. */
  operator: string;
  readOnly?: boolean;
}

/** Edits which phrase lists a phrase condition names, keeping the value's written shape. */
export function ListSpecField({ file, pointer, operator, readOnly }: ListSpecFieldProps) {
  const labels = useLabels();
  const { files, setValue } = useEditor();
  const id = useId();
  const value = getAt(files[file], pointer);
  const spec = readSpec(value);
  const listNames = Object.keys(
    ((files[PHRASES_FILE] as { lists?: object })?.lists ?? {}) as object,
  );

  const onChange = (part: string, names: string[]) => {
    setValue(file, pointer, writeSpec({ ...spec, [part]: names }, value));
  };

  return (
    <div className="list-spec">
      {phraseSpecParts(operator).map((part) => (
        <ListNamesInput
          key={part}
          label={`${labels.conditionValue}: ${SPEC_PART_HELP[part]}`}
          names={spec[part] ?? []}
          suggestionsId={`${id}-lists`}
          readOnly={readOnly}
          onChange={(names) => onChange(part, names)}
        />
      ))}
      <datalist id={`${id}-lists`}>
        {listNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}

interface ListNamesInputProps {
  label: string;
  names: string[];
  suggestionsId: string;
  readOnly?: boolean;
  onChange(names: string[]): void;
}

function ListNamesInput({ label, names, suggestionsId, readOnly, onChange }: ListNamesInputProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(
    names.join(', '),
    (text, stored) => splitNames(text).join(', ') === stored,
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono"
        value={draft}
        readOnly={readOnly}
        tabIndex={readOnly ? -1 : undefined}
        list={suggestionsId}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(splitNames(event.target.value));
        }}
      />
    </div>
  );
}

function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function readSpec(value: unknown): Spec {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).map((key) => [key, names(record[key])]));
  }
  return { phrases: names(value) };
}

/** Writes a spec back as the simplest form its file used: a name, a list of names, an object. */
function writeSpec(spec: Spec, previous: unknown): unknown {
  const written = (list: string[]) => (list.length === 1 ? list[0] : list);
  const extras = Object.keys(spec).filter((key) => key !== 'phrases' && spec[key].length > 0);
  const wasObject = typeof previous === 'object' && previous !== null && !Array.isArray(previous);
  if (!wasObject && extras.length === 0)
    return Array.isArray(previous) ? spec.phrases : written(spec.phrases);

  const object: Record<string, unknown> = {};
  for (const [key, list] of Object.entries(spec)) {
    if (key === 'phrases' || list.length > 0) object[key] = written(list);
  }
  return object;
}
