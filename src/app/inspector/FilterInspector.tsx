/** One filter: its NDIS_RECEIVE_FILTER_PARAMETERS as SET_FILTER returned them, and which frames it matches. */
import type { FilterSpec } from '../../engine/index.ts';
import { macFromInt } from '../../scenario/mac.ts';
import { NdisBufferView } from '../ndis/NdisBufferView.tsx';
import { formatCount, formatUs } from '../ui/format.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import type { TraceSource } from '../trace/traceSource.ts';
import { useTraceMemo } from '../side/useTrace.ts';
import { RequestLink, SelectLink } from './links.tsx';
import { Fields, Muted, NoteSection, Section } from '../ui/sections.tsx';
import { latestEvent, requestEvents } from '../trace/traceLookup.ts';
import { Citations } from '../reference/RefLink.tsx';
import { Term, termLabel } from '../glossary/Term.tsx';

/** What a filter takes, in the words of §6.3 and the rules that pin it (R14, R15, decisions 13.14). */
function filterMeaning(spec: FilterSpec, vlanAgnostic: boolean): string {
  const mac = macFromInt(spec.mac);
  if (spec.vlanId !== null)
    return `Frames to ${mac} tagged with VLAN ${spec.vlanId}. Untagged and VLAN-0 frames to that MAC do not match (R15).`;
  if (vlanAgnostic)
    return `Frames to ${mac} on any VLAN: an NDIS 6.30 MAC-only filter; the tag is stripped into Ieee8021QNetBufferListInfo.`;
  return `Untagged or VLAN-0 frames to ${mac} (NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO). Frames tagged with another VLAN do not match (R14).`;
}

/** The filter's latest life in the trace: set, parameters, cleared, frames taken. */
function filterStory(trace: TraceSource, filterId: number) {
  const set = latestEvent(trace, 'filter-set', (e) => e.filterId === filterId);
  if (!set) return null;
  const cleared = latestEvent(trace, 'filter-cleared', (e) => e.filterId === filterId && e.seq > set.seq);
  const output = requestEvents(trace, set.causeRequestId).completed?.result.output;
  let taken = 0;
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i);
    if (
      event?.kind === 'frame-classified' &&
      event.filterId === filterId &&
      event.seq > set.seq &&
      (!cleared || event.seq < cleared.seq)
    )
      taken++;
  }
  return { set, cleared, output, taken };
}

export function FilterInspector({ filterId }: { filterId: number }) {
  const live = useSideStore((s) => s.view?.filters.find((f) => f.FilterId === filterId));
  const queueState = useSideStore((s) => s.view?.queues.find((q) => q.QueueId === live?.QueueId)?.state);
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);
  const story = useTraceMemo((trace) => filterStory(trace, filterId), [filterId]);
  if (!story) {
    return (
      <NoteSection title={`Filter ${filterId}`} testId="inspect-filter">
        FilterId {filterId} has not been set in this trace.
      </NoteSection>
    );
  }
  const { set, cleared, output, taken } = story;
  return (
    <div data-testid="inspect-filter" data-filter-id={filterId}>
      <Section
        title={
          <>
            <Term id="filter">Filter</Term> {filterId}
          </>
        }
        aside={
          live
            ? live.inHardwareTable
              ? 'in the hardware table'
              : `not in the hardware table: queue is ${queueState}`
            : 'cleared'
        }
      >
        <p className="mb-2 text-sm text-slate-800 wrap-anywhere" data-testid="filter-meaning">
          <Citations text={filterMeaning(set.filter, set.vlanAgnostic)} />
        </p>
        <Fields
          rows={[
            [
              termLabel('queue-id', 'QueueId'),
              <SelectLink key="QueueId" kind="queue" id={set.queueId}>
                {set.queueId}
              </SelectLink>,
            ],
            [
              termLabel('binding', 'set by'),
              <>
                {set.binding} with <RequestLink requestId={set.causeRequestId} /> at {formatUs(set.t)} µs
              </>,
            ],
            ...(cleared ? [['cleared', `at ${formatUs(cleared.t)} µs`] as const] : []),
            ['frames it took', traceFrames ? formatCount(taken) : 'per-frame events are off'],
          ]}
        />
      </Section>
      <Section title="NDIS_RECEIVE_FILTER_PARAMETERS">
        {output ? (
          <NdisBufferView oid="OID_RECEIVE_FILTER_SET_FILTER" value={output} testId="filter-parameters" />
        ) : (
          <Muted>The SET_FILTER request is no longer in the trace.</Muted>
        )}
      </Section>
    </div>
  );
}
