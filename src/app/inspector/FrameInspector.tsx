/**
 * One frame: its header linked to its bytes, its path through the adapter (classified, DMA'd, indicated, returned
 * or dropped), and for every queue why it took the frame or did not.
 */
import type { ReactNode } from 'react';
import { describeEvent } from '../../scenario/describe.ts';
import { formatUs } from '../ui/format.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import type { TraceSource } from '../trace/traceSource.ts';
import { useTraceMemo } from '../side/useTrace.ts';
import { FrameBytes } from './FrameBytes.tsx';
import { parseFrameHeader } from './frameHeader.ts';
import { matchReasonText } from './matchReasons.ts';
import { nblLedger } from './nblLedger.ts';
import { SelectLink } from './links.tsx';
import { Fields, Muted, NoteSection, Section } from '../ui/sections.tsx';
import { UserText } from '../ui/UserText.tsx';
import { frameEvents } from '../trace/traceLookup.ts';
import { Term } from '../glossary/Term.tsx';

function frameStory(trace: TraceSource, frameId: number) {
  const events = frameEvents(trace, frameId);
  if (!events.arrived) return null;
  const ledger = nblLedger(trace);
  return {
    ...events,
    arrived: events.arrived,
    indication: ledger.indicatedIn.get(frameId),
    returned: ledger.returnedBy.get(frameId),
    // The engine's explanation, made against the filter table of the moment the frame was classified.
    match: events.classified?.match ?? events.dropped?.match ?? [],
  };
}

export function FrameInspector({ frameId }: { frameId: number }) {
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);
  const story = useTraceMemo((trace) => frameStory(trace, frameId), [frameId]);
  if (!story) {
    return (
      <NoteSection title={`Frame ${frameId}`} testId="inspect-frame">
        {traceFrames
          ? `Frame ${frameId} is not in the trace.`
          : 'Per-frame events are off, so frames are counted but not traced. Turn on “per-frame events” to inspect them.'}
      </NoteSection>
    );
  }
  const { arrived, classified, dma, dropped, indication, returned, match } = story;
  const header = parseFrameHeader(arrived.headerHex, arrived.length);
  const steps: [string, ReactNode][] = [
    [
      `${formatUs(arrived.t)} µs`,
      `arrived: ${arrived.length} bytes${arrived.flow ? ` of flow “${arrived.flow}”` : ''}`,
    ],
  ];
  if (classified) {
    steps.push([
      `${formatUs(classified.t)} µs`,
      <>
        classified to{' '}
        <SelectLink kind="queue" id={classified.queueId}>
          QueueId {classified.queueId}
        </SelectLink>{' '}
        {classified.filterId === 0 ? (
          '(no filter matched)'
        ) : (
          <>
            by{' '}
            <SelectLink kind="filter" id={classified.filterId}>
              FilterId {classified.filterId}
            </SelectLink>
          </>
        )}
        {classified.vlanStripped && ', VLAN tag stripped into Ieee8021QNetBufferListInfo'}
      </>,
    ]);
  }
  if (dma) steps.push([`${formatUs(dma.t)} µs`, describeEvent(dma).text.replace(/^frame \d+ /, '')]);
  if (indication) {
    steps.push([
      `${formatUs(indication.t)} µs`,
      <>
        indicated on CPU {indication.cpu} in{' '}
        <SelectLink kind="nbl" id={indication.indicationId}>
          indication {indication.indicationId}
        </SelectLink>
      </>,
    ]);
  }
  if (returned)
    steps.push([`${formatUs(returned.t)} µs`, 'NBL returned by the overlying driver (NdisReturnNetBufferLists)']);
  if (dropped) steps.push([`${formatUs(dropped.t)} µs`, describeEvent(dropped).text.replace(/^frame \d+ /, '')]);
  return (
    <div data-testid="inspect-frame" data-frame-id={frameId}>
      <Section
        title={`Frame ${frameId}`}
        aside={`to ${arrived.dst}, ${arrived.vlanId === null ? 'untagged' : `VLAN ${arrived.vlanId}`}`}
      >
        <Fields rows={steps} />
      </Section>
      <Section title="Header and bytes" aside="point at a field or a byte">
        {header.fields.length > 0 ? (
          <FrameBytes header={header} />
        ) : (
          <Muted>The frame is shorter than an Ethernet header.</Muted>
        )}
      </Section>
      <Section title="Why this queue">
        {match.length === 0 && <Muted>The frame was dropped before the classifier saw it.</Muted>}
        <ul className="space-y-1.5 text-sm" data-testid="frame-verdicts">
          {match.map((verdict) => (
            <li key={verdict.queueId} data-queue-id={verdict.queueId} data-takes={verdict.takes}>
              <span
                className={`mr-1.5 font-semibold ${verdict.takes ? 'text-emerald-700' : 'text-slate-500'}`}
                role="img"
                aria-label={verdict.takes ? 'takes the frame' : 'does not take it'}
              >
                {verdict.takes ? '✓' : '✗'}
              </span>
              <SelectLink kind="queue" id={verdict.queueId}>
                QueueId {verdict.queueId}
              </SelectLink>
              <span className="text-slate-500">
                {' '}
                {verdict.queueId === 0 ? (
                  <>
                    (<Term id="default-queue">default queue</Term>)
                  </>
                ) : verdict.vmName ? (
                  <>
                    (<UserText text={verdict.vmName} />)
                  </>
                ) : null}
              </span>
              <ul className="ml-6 text-slate-700">
                {verdict.reasons.map((reason) => {
                  const text = matchReasonText(reason, arrived);
                  return <li key={text}>{text}</li>;
                })}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
