import { useId } from 'react';
import { useLabels } from '../labels.js';
import { getAt, toPointer } from '../model/pointer.js';
import { templatesOf } from '../model/ruleModel.js';
import { useEditor } from '../state/EditorContext.js';
import { JsonValueField } from './JsonValueField.js';
import { TextField } from './TextField.js';

/** Event types the classifier acts on; others are allowed by the schema of some files. */
const EVENT_TYPES = ['urgency', 'jobType', 'keyword', 'propertyType', 'intent'];

interface EventFieldsProps {
  file: string;
  /** Pointer of the rule's `event`. */
  pointer: string;
  /** Branch names other rules use, offered while typing. */
  knownBranches: string[];
}

/** Edits a rule's event: its type and parameters, with the template chosen from a list. */
export function EventFields({ file, pointer, knownBranches }: EventFieldsProps) {
  const labels = useLabels();
  const { files, editLevel } = useEditor();
  const params = getAt(files[file], `${pointer}/params`);
  const entries = typeof params === 'object' && params !== null ? Object.entries(params) : [];
  const valuesOnly = editLevel === 'values';

  return (
    <fieldset className="event-fields">
      <legend>Event</legend>
      <TextField
        label={labels.eventType}
        file={file}
        pointer={`${pointer}/type`}
        readOnly={valuesOnly}
        suggestions={EVENT_TYPES}
      />
      {entries.map(([name, value]) => {
        const paramPointer = pointer + toPointer(['params', name]);
        if (name === 'template')
          return <TemplateSelect key={name} file={file} pointer={paramPointer} />;
        if (name === 'branch' && typeof value === 'string') {
          return (
            <TextField
              key={name}
              label={labels.eventParam(name)}
              file={file}
              pointer={paramPointer}
              readOnly={valuesOnly}
              suggestions={knownBranches}
            />
          );
        }
        if (typeof value === 'string') {
          return (
            <TextField
              key={name}
              label={labels.eventParam(name)}
              file={file}
              pointer={paramPointer}
              readOnly={valuesOnly}
            />
          );
        }
        return (
          <JsonValueField
            key={name}
            label={labels.eventParam(name)}
            file={file}
            pointer={paramPointer}
            readOnly={valuesOnly}
          />
        );
      })}
    </fieldset>
  );
}

function TemplateSelect({ file, pointer }: { file: string; pointer: string }) {
  const labels = useLabels();
  const { files, setValue } = useEditor();
  const id = useId();
  const current = getAt(files[file], pointer);
  const ids = templatesOf(files).map(([templateId]) => templateId);
  const options = typeof current === 'string' && !ids.includes(current) ? [current, ...ids] : ids;

  return (
    <div className="field">
      <label htmlFor={id}>{labels.eventParam('template')}</label>
      <select
        id={id}
        value={current === null ? '' : String(current)}
        onChange={(event) =>
          setValue(file, pointer, event.target.value === '' ? null : event.target.value)
        }
      >
        <option value="">none (the conversation decides)</option>
        {options.map((templateId) => (
          <option key={templateId} value={templateId}>
            {templateId}
          </option>
        ))}
      </select>
    </div>
  );
}
