/** What the inspector shows for a selection: the thing itself in NDIS terms; an event shows itself, then the thing it
 * is about. Loaded on the first selection (Inspector.tsx). */
import type { TraceEvent } from '../../engine/index.ts';
import { describeOnScreen } from '../trace/describeOnScreen.ts';
import { RuleExplanation } from '../ndis/RuleExplanation.tsx';
import { NdisBufferView } from '../ndis/NdisBufferView.tsx';
import { OidResultView } from '../ndis/OidResultView.tsx';
import { IssuedByTag } from '../ndis/IssuedByTag.tsx';
import { formatUs } from '../ui/format.ts';
import type { Selection } from '../store/selection.ts';
import { refsOf } from '../trace/eventRefs.ts';
import { useTraceMemo } from '../side/useTrace.ts';
import { FilterInspector } from './FilterInspector.tsx';
import { FrameInspector } from './FrameInspector.tsx';
import { NblInspector } from './NblInspector.tsx';
import { Muted, Section } from '../ui/sections.tsx';
import { QueueInspector } from './QueueInspector.tsx';
import { eventBySeq } from '../trace/traceLookup.ts';
import { Citations } from '../reference/RefLink.tsx';

export function Inspected({ selection }: { selection: Selection }) {
  switch (selection.kind) {
    case 'queue':
      return <QueueInspector queueId={selection.id} />;
    case 'filter':
      return <FilterInspector filterId={selection.id} />;
    case 'frame':
      return <FrameInspector frameId={selection.id} />;
    case 'nbl':
      return <NblInspector indicationId={selection.id} />;
    case 'event':
      return <EventInspector seq={selection.id} />;
  }
}

/** The thing an event is about, most specific first. */
function AboutInspector({ event }: { event: TraceEvent }) {
  const refs = refsOf(event);
  if (refs.frameId !== undefined) return <FrameInspector frameId={refs.frameId} />;
  if (refs.indicationId !== undefined) return <NblInspector indicationId={refs.indicationId} />;
  if (refs.filterId !== undefined && event.kind !== 'oid-requested')
    return <FilterInspector filterId={refs.filterId} />;
  const [queueId] = refs.queueIds;
  return queueId === undefined ? null : <QueueInspector queueId={queueId} />;
}

function EventInspector({ seq }: { seq: number }) {
  const event = useTraceMemo((trace) => eventBySeq(trace, seq), [seq]);
  if (!event)
    return (
      <div className="px-4 py-6">
        <Muted>This event is no longer in the trace: a step back removed it.</Muted>
      </div>
    );
  const { actor, text, issuedBy } = describeOnScreen(event);
  return (
    <div data-testid="inspect-event" data-kind={event.kind}>
      <Section title="Event" aside={`${formatUs(event.t)} µs · ${actor} · seq ${event.seq}`}>
        <p className="text-sm text-slate-800 wrap-anywhere" data-testid="inspect-event-text">
          <Citations text={text} />
        </p>
        {event.kind === 'oid-requested' && issuedBy && (
          <p className="mt-1.5">
            <IssuedByTag issuedBy={issuedBy} />
          </p>
        )}
        {event.kind === 'oid-requested' && event.buffer && (
          <div className="mt-2">
            <NdisBufferView oid={event.oid} value={event.buffer} />
          </div>
        )}
        {event.kind === 'oid-completed' && (
          <div className="mt-2">
            <OidResultView result={event.result} pended={event.pended} />
          </div>
        )}
        {event.kind === 'rule-violated' && (
          <div className="mt-2">
            <RuleExplanation rule={event.rule} />
          </div>
        )}
        <details className="mt-2 text-xs text-slate-500">
          <summary className="cursor-pointer">the event as the engine emitted it</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-slate-700">
            {JSON.stringify(event, null, 2)}
          </pre>
        </details>
      </Section>
      <AboutInspector event={event} />
    </div>
  );
}
