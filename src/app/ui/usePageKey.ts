/**
 * A page-wide key that a feature handles itself (the shell's shortcut table, shell/shortcuts.ts, lists it for the
 * sheet but may not import the feature). A key typed into a field, or pressed with a modifier, is not for the page.
 */
import { useEffect, useRef } from 'react';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Calls `onKey` when one of `keys` (KeyboardEvent.key, compared without case) is pressed for the page. */
export function usePageKey(keys: readonly string[], onKey: () => void): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  const wanted = keys.map((k) => k.toLowerCase()).join('\n');
  useEffect(() => {
    const set = new Set(wanted.split('\n'));
    const onKeyDown = (event: KeyboardEvent) => {
      if (!set.has(event.key.toLowerCase()) || event.ctrlKey || event.metaKey || event.altKey || typing(event.target))
        return;
      event.preventDefault();
      latest.current();
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, [wanted]);
}
