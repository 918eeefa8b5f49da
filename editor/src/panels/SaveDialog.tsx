import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useLabels } from '../labels.js';
import type { ShownProblem } from '../problems.js';
import { DiffView } from './DiffView.js';
import { ProblemList } from './ProblemList.js';

/** One file that saving would change, as text on disk and as it would be written. */
export interface PendingChange {
  file: string;
  before: string;
  after: string;
}

interface SaveDialogProps {
  open: boolean;
  changes: PendingChange[];
  /** Problems of the files being edited; saving is disabled while there are any. */
  problems: ShownProblem[];
  /** True while the latest edit has not been checked yet; saving waits for the check. */
  checking: boolean;
  saving: boolean;
  /** The server's error message for the last failed save. */
  failure?: string;
  onConfirm(): void;
  onClose(): void;
}

/** Shows the diff of every changed file against the file on disk, then saves on request. */
export function SaveDialog(props: SaveDialogProps) {
  const { open, changes, problems, checking, saving, failure, onConfirm, onClose } = props;
  const labels = useLabels();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const blocked = checking || problems.length > 0 || changes.length === 0;
  return (
    <dialog
      ref={dialog}
      className="save-dialog"
      aria-labelledby="save-dialog-title"
      onClose={onClose}
      onKeyDown={keepFocusInside}
    >
      <h2 id="save-dialog-title">{labels.diffDialog}</h2>
      {changes.length === 0 && <p>Nothing to save: the files match the rules folder.</p>}
      {changes.map((change) => (
        <DiffView
          key={change.file}
          file={change.file}
          before={change.before}
          after={change.after}
        />
      ))}
      {problems.length > 0 && (
        <section aria-label="Problems that block saving">
          <p className="field-error">
            Fix these problems before saving: the server rejects invalid rules.
          </p>
          <ProblemList
            problems={problems}
            nodeOf={() => undefined}
            onSelectNode={() => undefined}
          />
        </section>
      )}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={blocked || saving} onClick={onConfirm}>
          {saving ? 'Saving…' : labels.confirmSave}
        </button>
        <button type="button" onClick={onClose}>
          {labels.cancel}
        </button>
      </div>
    </dialog>
  );
}

const FOCUSABLE = [
  'button:not([disabled])',
  'a[href]',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * Makes Tab and Shift+Tab cycle through the dialog's controls. A modal <dialog> makes the page
 * behind it inert, but in Chromium Tab from its last control still moves focus out of it.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = document.activeElement;

  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
