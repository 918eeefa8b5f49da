import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useLabels } from '../labels.js';
import { phraseListPointer, PHRASES_FILE, phrasesOf, rulesUsingList } from '../model/ruleModel.js';
import { insertAt, removeAt } from '../model/pointer.js';
import { useEditor } from '../state/EditorContext.js';

interface PhraseChipsProps {
  list: string;
  /** Name of the rule being edited, left out of the "also used by" note. */
  ruleName?: string;
}

/**
 * Edits one list of phrases.json: its phrases as removable chips and a field to add one. Lists
 * are shared, so the field also names the other rules that an edit changes.
 */
export function PhraseChips({ list, ruleName }: PhraseChipsProps) {
  const labels = useLabels();
  const { files, editFile } = useEditor();
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState({ text: '', isError: false });
  const inputId = useId();
  const chipList = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // Index of a chip just removed: focus goes to the chip now in its place, or the input.
  const removedIndex = useRef<number>(undefined);
  const phrases = phrasesOf(files, list);
  const pointer = phraseListPointer(list);

  useEffect(() => {
    const index = removedIndex.current;
    if (index === undefined) return;
    removedIndex.current = undefined;
    const buttons = chipList.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[index] ?? input.current)?.focus();
  });

  if (phrases === undefined) {
    return (
      <p className="phrase-list-missing">Phrase list {list} is not defined in phrases.json.</p>
    );
  }

  const addPhrase = () => {
    const phrase = draft.trim().replace(/\s+/g, ' ');
    if (phrase === '') return;
    if (phrases.includes(phrase)) {
      setNotice({ text: `${phrase} is already in ${list}.`, isError: true });
      return;
    }
    // First in the list: the file then gains one line whatever its layout, where adding at the
    // end can also change the line before it (a new comma).
    editFile(PHRASES_FILE, (content) => insertAt(content, pointer, phrase, 0));
    setDraft('');
    setNotice({ text: `Added ${phrase} to ${list}.`, isError: false });
  };
  const removePhrase = (index: number) => {
    const phrase = phrases[index];
    editFile(PHRASES_FILE, (content) => removeAt(content, `${pointer}/${index}`));
    removedIndex.current = index;
    setNotice({ text: `Removed ${phrase} from ${list}.`, isError: false });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addPhrase();
    }
  };

  const otherRules = rulesUsingList(files, list)
    .map((located) => located.rule.name)
    .filter((name) => name !== ruleName);

  return (
    <fieldset className="phrase-list" aria-label={`Phrase list ${list}`}>
      <legend>
        Phrase list <code>{list}</code>
      </legend>
      <ul className="chips" ref={chipList}>
        {phrases.map((phrase, index) => (
          <li key={`${index}-${phrase}`} className="chip">
            <span>{phrase}</span>
            <button
              type="button"
              aria-label={labels.removePhrase(phrase)}
              onClick={() => removePhrase(index)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="chip-add">
        <label htmlFor={inputId} className="visually-hidden">
          {labels.newPhrase} ({list})
        </label>
        <input
          id={inputId}
          ref={input}
          value={draft}
          placeholder="burst pipe, flood*, smell* ... gas"
          aria-invalid={notice.isError}
          aria-describedby={`${inputId}-notice`}
          onChange={(event) => {
            setDraft(event.target.value);
            if (notice.isError) setNotice({ text: '', isError: false });
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={addPhrase} aria-label={`${labels.addPhrase} to ${list}`}>
          {labels.addPhrase}
        </button>
      </div>
      {otherRules.length > 0 && (
        <p className="hint">
          Also used by {otherRules.join(', ')}: changes here apply to them too.
        </p>
      )}
      <p
        id={`${inputId}-notice`}
        className={notice.isError ? 'field-error' : 'visually-hidden'}
        role="status"
      >
        {notice.text}
      </p>
    </fieldset>
  );
}
