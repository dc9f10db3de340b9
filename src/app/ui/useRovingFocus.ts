/**
 * One Tab stop for a group of selectable things (the diagram, the memory map, the event log, the findings), with
 * the arrows, Home and End moving between them (ui/roving.ts) and Enter left to each item. An item is any element
 * with `data-roving-key` (stable while it stays); the hook keeps exactly one of them at tabindex 0 — the one the
 * user was last on, else the selected one, else the first — so Tab enters the group where the reader left it and
 * the next Tab leaves it. The arrows here are the group's: they do not step the simulation (shell/shortcuts.ts).
 */
import { type RefCallback, useCallback } from 'react';
import { ROVING_KEYS, type RovingKey, rovingTarget } from './roving.ts';

const ITEM = '[data-roving-key]';

const isChosen = (item: Element) =>
  item.getAttribute('aria-pressed') === 'true' ||
  item.getAttribute('aria-current') === 'true' ||
  item.getAttribute('aria-selected') === 'true';

/** A ref for the group's root element: it takes the group's keys from when the element mounts until it unmounts. */
export function useRovingFocus<E extends Element>(): RefCallback<E> {
  return useCallback((root: E | null) => {
    if (!root) return;
    let lastKey: string | null = null;
    const items = () => [...root.querySelectorAll<HTMLElement | SVGElement>(ITEM)];
    const settle = () => {
      const all = items();
      const stop =
        all.find((item) => item.dataset['rovingKey'] === lastKey) ?? all.find(isChosen) ?? (all[0] as Element);
      for (const item of all) {
        const tabIndex = item === stop ? '0' : '-1';
        if (item.getAttribute('tabindex') !== tabIndex) item.setAttribute('tabindex', tabIndex);
      }
    };
    const onFocusIn = (event: Event) => {
      const item = (event.target as Element).closest<HTMLElement | SVGElement>(ITEM);
      if (!item || !root.contains(item)) return;
      lastKey = item.dataset['rovingKey'] ?? null;
      settle();
    };
    const onKeyDown = (event: Event) => {
      const { key, altKey, ctrlKey, metaKey, target } = event as KeyboardEvent;
      if (!ROVING_KEYS.has(key) || altKey || ctrlKey || metaKey) return;
      const all = items();
      const from = all.indexOf((target as Element).closest(ITEM) as HTMLElement);
      if (from < 0) return;
      event.preventDefault();
      event.stopPropagation();
      const places = all.map((item) => {
        const r = item.getBoundingClientRect();
        return { x: r.left, y: r.top, w: r.width, h: r.height };
      });
      const to = rovingTarget(places, from, key as RovingKey);
      if (to !== null) all[to]?.focus();
    };
    settle();
    const observer = new MutationObserver(settle);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-roving-key', 'aria-pressed', 'aria-current', 'aria-selected'],
    });
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
