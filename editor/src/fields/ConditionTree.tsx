import { useId } from 'react';
import { CUSTOM_OPERATORS, FACTS } from '../../../engine/index.js';
import { BUILT_IN_OPERATORS } from '../../../engine/operators.js';
import { useLabels } from '../labels.js';
import { getAt, insertAt, removeAt } from '../model/pointer.js';
import { isPhraseOperator, phraseListsOf } from '../model/phraseOperators.js';
import { useEditor } from '../state/EditorContext.js';
import { JsonValueField } from './JsonValueField.js';
import { ListSpecField } from './ListSpecField.js';
import { PhraseChips } from './PhraseChips.js';
import { TextField } from './TextField.js';

const OPERATORS = [...CUSTOM_OPERATORS, ...BUILT_IN_OPERATORS];
const GROUP_TITLES: Record<string, string> = { all: 'All of', any: 'Any of', not: 'None of' };

/** A new condition: the usual kind, with a list name to fill in (a problem until it is). */
const NEW_CONDITION = { fact: 'message', operator: 'mentions', value: '' };

interface ConditionTreeProps {
  file: string;
  /** Pointer of the rule's `conditions`. */
  pointer: string;
  ruleName?: string;
}

/** Edits a rule's condition tree: groups (all, any, not) and their fact conditions. */
export function ConditionTree({ file, pointer, ruleName }: ConditionTreeProps) {
  const { files } = useEditor();
  return (
    <ConditionNode
      file={file}
      pointer={pointer}
      node={getAt(files[file], pointer)}
      ruleName={ruleName}
    />
  );
}

interface ConditionNodeProps extends ConditionTreeProps {
  node: unknown;
}

function ConditionNode({ file, pointer, node, ruleName }: ConditionNodeProps) {
  if (typeof node !== 'object' || node === null) return null;
  const record = node as Record<string, unknown>;
  if (typeof record.fact === 'string')
    return <FactCondition file={file} pointer={pointer} ruleName={ruleName} />;

  return (
    <>
      {(['all', 'any'] as const).map(
        (key) =>
          Array.isArray(record[key]) && (
            <ConditionGroup
              key={key}
              file={file}
              pointer={`${pointer}/${key}`}
              kind={key}
              ruleName={ruleName}
            />
          ),
      )}
      {record.not !== undefined && (
        <fieldset className="condition-group">
          <legend>{GROUP_TITLES.not}</legend>
          <ConditionNode
            file={file}
            pointer={`${pointer}/not`}
            node={record.not}
            ruleName={ruleName}
          />
        </fieldset>
      )}
    </>
  );
}

interface ConditionGroupProps extends ConditionTreeProps {
  kind: 'all' | 'any';
}

function ConditionGroup({ file, pointer, kind, ruleName }: ConditionGroupProps) {
  const labels = useLabels();
  const { files, editFile, editLevel } = useEditor();
  const children = (getAt(files[file], pointer) as unknown[]) ?? [];
  const full = editLevel === 'full';

  return (
    <fieldset className="condition-group">
      <legend>{GROUP_TITLES[kind]}</legend>
      <ol className="conditions">
        {children.map((child, index) => (
          <li key={index} className="condition">
            <ConditionNode
              file={file}
              pointer={`${pointer}/${index}`}
              node={child}
              ruleName={ruleName}
            />
            {full && (
              <button
                type="button"
                className="secondary"
                aria-label={labels.removeCondition(index)}
                onClick={() =>
                  editFile(file, (content) => removeAt(content, `${pointer}/${index}`))
                }
              >
                {labels.removeCondition(index)}
              </button>
            )}
          </li>
        ))}
      </ol>
      {full && (
        <button
          type="button"
          onClick={() =>
            editFile(file, (content) => insertAt(content, pointer, { ...NEW_CONDITION }))
          }
        >
          {labels.addCondition}
        </button>
      )}
    </fieldset>
  );
}

function FactCondition({ file, pointer, ruleName }: ConditionTreeProps) {
  const labels = useLabels();
  const { files, setValue, editLevel } = useEditor();
  const selectId = useId();
  const condition = getAt(files[file], pointer) as Record<string, unknown>;
  const valuesOnly = editLevel === 'values';
  const facts = [...new Set([...Object.keys(FACTS), String(condition.fact)])];

  return (
    <div className="fact-condition">
      <div className="field-row">
        <div className="field">
          <label htmlFor={selectId}>{labels.conditionFact}</label>
          <select
            id={selectId}
            value={String(condition.fact)}
            disabled={valuesOnly}
            onChange={(event) => setValue(file, `${pointer}/fact`, event.target.value)}
          >
            {facts.map((fact) => (
              <option key={fact} value={fact} title={FACTS[fact as keyof typeof FACTS]}>
                {fact}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={labels.conditionOperator}
          file={file}
          pointer={`${pointer}/operator`}
          readOnly={valuesOnly}
          suggestions={OPERATORS}
        />
      </div>
      {isPhraseOperator(condition.operator) ? (
        <ListSpecField
          file={file}
          pointer={`${pointer}/value`}
          operator={String(condition.operator)}
          readOnly={valuesOnly}
        />
      ) : (
        <JsonValueField label={labels.conditionValue} file={file} pointer={`${pointer}/value`} />
      )}
      {phraseListsOf(condition.operator, condition.value).map((list) => (
        <PhraseChips key={list} list={list} ruleName={ruleName} />
      ))}
    </div>
  );
}
