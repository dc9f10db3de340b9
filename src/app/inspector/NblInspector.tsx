/**
 * One receive indication (NdisMIndicateReceiveNetBufferLists): its processor, its ReceiveFlags spelled out, and per
 * queue the NBLs it carried with the NetBufferListFilteringInfo each one holds (§4.16, R34).
 */
import { hex32 } from '../../engine/index.ts';
import { flagNames } from '../../scenario/ndis-names.ts';
import { formatUs, plural } from '../ui/format.ts';
import type { TraceSource } from '../trace/traceSource.ts';
import { useTraceMemo } from '../side/useTrace.ts';
import { nblLedger } from './nblLedger.ts';
import { SelectLink } from './links.tsx';
import { Fields, Muted, NoteSection, Section } from '../ui/sections.tsx';
import { latestEvent } from '../trace/traceLookup.ts';
import { Term, termLabel } from '../glossary/Term.tsx';

function indicationStory(trace: TraceSource, indicationId: number) {
  const indication = latestEvent(trace, 'nbls-indicated', (e) => e.indicationId === indicationId);
  if (!indication) return null;
  const ledger = nblLedger(trace);
  const frames = ledger.framesOf.get(indicationId) ?? [];
  const returns = new Map(
    frames.flat().flatMap((frameId) => {
      const ret = ledger.returnedBy.get(frameId);
      return ret ? [[ret.seq, ret] as const] : [];
    }),
  );
  return { indication, frames, returns: [...returns.values()] };
}

export function NblInspector({ indicationId }: { indicationId: number }) {
  const story = useTraceMemo((trace) => indicationStory(trace, indicationId), [indicationId]);
  if (!story)
    return (
      <NoteSection title={`Indication ${indicationId}`} testId="inspect-nbl">
        Indication {indicationId} is not in the trace.
      </NoteSection>
    );
  const { indication, frames, returns } = story;
  const total = indication.parts.reduce((n, p) => n + p.count, 0);
  return (
    <div data-testid="inspect-nbl" data-indication-id={indicationId}>
      <Section
        title={
          <>
            <Term id="receive-indication">Indication</Term> {indicationId}
          </>
        }
        aside={`${formatUs(indication.t)} µs`}
      >
        <Fields
          rows={[
            ['call', 'NdisMIndicateReceiveNetBufferLists'],
            ['processor', `CPU ${indication.cpu} (the DPC of its queues)`],
            [
              termLabel('nbl', 'NBLs'),
              `${plural(total, 'NBL')} from ${indication.parts.length === 1 ? 'one queue' : `${indication.parts.length} queues, chained`}`,
            ],
            [
              'ReceiveFlags',
              <>
                {hex32(indication.receiveFlags)}{' '}
                <span className="block font-mono text-xs text-teal-700" data-testid="receive-flags">
                  {flagNames(indication.receiveFlags, 'NDIS_RECEIVE_FLAGS_').join(' | ')}
                </span>
              </>,
            ],
          ]}
        />
      </Section>
      {indication.parts.map((part, i) => (
        <Section key={part.queueId} title={<>QueueId {part.queueId}</>} aside={plural(part.count, 'NBL')}>
          <Fields
            rows={[
              [
                'queue',
                <SelectLink key="queue" kind="queue" id={part.queueId}>
                  QueueId {part.queueId}
                </SelectLink>,
              ],
              ['NetBufferListFilteringInfo', `FilterId 0, QueueId ${part.queueId}`],
              [
                'frames',
                frames[i]?.length ? (
                  <span key="frames" className="flex flex-wrap gap-x-2">
                    {frames[i]?.map((id) => (
                      <SelectLink key={id} kind="frame" id={id}>
                        {id}
                      </SelectLink>
                    ))}
                  </span>
                ) : (
                  'not traced (per-frame events were off)'
                ),
              ],
            ]}
          />
        </Section>
      ))}
      <Section title={<Term id="return">Return</Term>}>
        {returns.length === 0 ? (
          <Muted>Not returned yet: the overlying driver still holds {total === 1 ? 'this NBL' : 'these NBLs'}.</Muted>
        ) : (
          <ul className="text-sm">
            {returns.map((ret) => (
              <li key={ret.seq}>
                {formatUs(ret.t)} µs: NdisReturnNetBufferLists, {plural(ret.count, 'NBL')} of QueueId {ret.queueId}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
