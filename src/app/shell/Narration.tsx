/**
 * The story so far, in one sentence: the scenario's latest `note`, shown where a projected audience
 * looks first. Screen readers hear each new line from the page's one live region (announce/Announcer.tsx).
 */
import { useDigest } from '../side/useTrace.ts';
import { notesDigest } from './narration.ts';
import { Citations } from '../reference/RefLink.tsx';

export function Narration() {
  const text = useDigest(notesDigest).value();
  if (!text) return null;
  return (
    <section aria-label="Narration" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3">
      <p
        data-testid="narration"
        dir="auto"
        className="text-[15px] leading-snug text-sky-950 [overflow-wrap:anywhere] [unicode-bidi:isolate]"
      >
        <Citations text={text} />
      </p>
    </section>
  );
}
