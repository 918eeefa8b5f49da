import { useEffect, useState } from 'react';

/**
 * Returns the value once it has stopped changing for `delayMs`. Checking all rule files takes
 * tens of milliseconds, so running it on every keystroke would make typing lag.
 */
export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
