import { useEffect, useState } from 'react';

/**
 * Text being typed for a stored value that is written differently (a list as "a, b", a number
 * as JSON). The draft follows the stored value when it changes from elsewhere, such as undo,
 * but not while it still means the same value, so "a, " keeps its comma as the user types.
 */
export function useDraft(
  storedText: string,
  meansSame: (draft: string, storedText: string) => boolean,
) {
  const [draft, setDraft] = useState(storedText);
  useEffect(() => {
    setDraft((current) => (meansSame(current, storedText) ? current : storedText));
    // meansSame is a pure comparison that callers define inline; only the stored text matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storedText]);
  return [draft, setDraft] as const;
}
