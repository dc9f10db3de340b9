/** Says, calmly, that a long Step or seek ran more events than the worker's trace budget keeps, and that the counters
 * are exact anyway: the log shows the run's start and end, not everything in between. */
import type { TraceOmission } from '../../protocol/messages.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { formatCount, plural } from '../ui/format.ts';
import { Banner } from '../ui/primitives.tsx';

const RAN: Record<TraceOmission['by'], string> = { step: 'Step', seek: 'Seeking', action: 'That action' };

export function SampledNotice() {
  const gap = useSideStore((s) => s.sampled);
  const dismiss = useSideStore((s) => s.dismissSampled);
  if (!gap) return null;
  return (
    <Banner role="status" data-testid="sampled-notice" tone="info" onDismiss={dismiss}>
      <p>
        {RAN[gap.by]} ran {plural(gap.frames, 'frame')}. The log keeps its first {formatCount(gap.keptFirst)} and last{' '}
        {formatCount(gap.keptLast)} events, and the OID, state and rule events in between; it leaves out{' '}
        {plural(gap.omitted, 'event')} — counters are exact.
      </p>
    </Banner>
  );
}
