import { useEffect } from 'react';

interface Shortcuts {
  undo(): void;
  redo(): void;
  review(): void;
}

/**
 * Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, Ctrl+S opens the review before saving (Cmd on a
 * Mac). Fields marked `data-native-undo`, such as the try-it message, keep the browser's own
 * undo, because what they hold is not part of the rule files.
 */
export function useShortcuts({ undo, redo, review }: Shortcuts) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const target = event.target as HTMLElement | null;
      if (key === 's') {
        event.preventDefault();
        review();
        return;
      }
      if (target?.closest('[data-native-undo]')) return;
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, review]);
}
