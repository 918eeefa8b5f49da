import { structuredPatch } from 'diff';
import { useMemo } from 'react';

/** Lines of context shown around each change, as `git diff` shows by default. */
const CONTEXT_LINES = 3;

interface DiffViewProps {
  file: string;
  before: string;
  after: string;
}

/** Shows a unified diff of one file, as `git diff` would show the save. */
export function DiffView({ file, before, after }: DiffViewProps) {
  const patch = useMemo(
    () =>
      structuredPatch(file, file, before, after, 'on disk', 'after saving', {
        context: CONTEXT_LINES,
      }),
    [file, before, after],
  );
  const added = patch.hunks
    .flatMap((hunk) => hunk.lines)
    .filter((line) => line.startsWith('+')).length;
  const removed = patch.hunks
    .flatMap((hunk) => hunk.lines)
    .filter((line) => line.startsWith('-')).length;

  return (
    <section className="diff" aria-label={`Changes to ${file}`}>
      <h3>
        {file}{' '}
        <span className="diff-stat">
          +{added} −{removed}
        </span>
      </h3>
      {patch.hunks.length === 0 && <p>No changes.</p>}
      {patch.hunks.map((hunk) => (
        <pre key={`${hunk.oldStart}-${hunk.newStart}`} className="diff-hunk">
          <span className="diff-header">{hunkHeader(hunk)}</span>
          {hunk.lines.map((line, index) => (
            <span key={index} className={lineClass(line)}>
              {line}
            </span>
          ))}
        </pre>
      ))}
    </section>
  );
}

function hunkHeader(hunk: {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}) {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

function lineClass(line: string): string {
  if (line.startsWith('+')) return 'diff-line diff-added';
  if (line.startsWith('-')) return 'diff-line diff-removed';
  return 'diff-line';
}
