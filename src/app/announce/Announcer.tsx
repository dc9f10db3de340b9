/**
 * The page's one polite live region (issue 12): the first side's state changes, indications, OID completions, rule
 * findings, faults, notes and traffic, as announcerFold.ts composes them, at most one message a second. Visually
 * hidden: the diagram shows what it says.
 */
import { useEffect, useState } from 'react';
import { useDigest } from '../side/useTrace.ts';
import { announcerFold } from './announcerFold.ts';

export function Announcer() {
  const fold = useDigest(announcerFold);
  // The same text twice in a row is not read again by screen readers: the count makes each message new.
  const [said, setSaid] = useState({ text: '', count: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fold.version` is when something new waits to be said.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const speak = () => {
      const text = fold.take(performance.now());
      if (text !== null) setSaid((last) => ({ text, count: last.count + 1 }));
      if (fold.waiting) timer = setTimeout(speak, fold.waitMs(performance.now()));
    };
    speak();
    return () => clearTimeout(timer);
  }, [fold, fold.version]);
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="announcer" data-count={said.count}>
      {said.text && <p key={said.count}>{said.text}</p>}
    </div>
  );
}
