/**
 * The adapter diagram: the receive path from the wire to the VMs, drawn from the side's AdapterView (React-owned
 * SVG) with the frames in flight on a canvas above it (drawn by the frame loop, never through React).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { DROP_REASONS, type AdapterView, type QueueView } from '../../engine/index.ts';
import { formatNdisVersion } from '../ui/format.ts';
import { LayerCanvas } from '../viz/LayerCanvas.tsx';
import { useDrawingInput, useSide, useSideStore } from '../side/SideProvider.tsx';
import { useRovingFocus } from '../ui/useRovingFocus.ts';
import { FlightTargets } from './FlightTargets.tsx';
import { useElementWidth } from '../ui/useElementSize.ts';
import { textWidth } from '../viz/textFit.ts';
import { vizVar } from '../viz/theme.ts';
import { ClassifierTable } from './ClassifierTable.tsx';
import { DiscardBin } from './DiscardBin.tsx';
import { Edges, IndicationLink } from './Edges.tsx';
import { COMPACT_BELOW_PX, layoutDiagram, MIN_DIAGRAM_PX } from './layout.ts';
import type { DiagramInput } from './layout.ts';
import { CpuBoxes, HostBoxes } from './Partitions.tsx';
import { QueueRow } from './QueueRow.tsx';
import { SwitchBox } from './SwitchBox.tsx';
import { requestsToList } from './switchRequests.ts';
import { useAnimationFeed } from '../viz/useAnimationFeed.ts';
import { createFlightLayer } from './flightLayer.ts';
import { usePageStore } from '../page/PageProvider.tsx';
import { FlightPlanner } from './flightPlanner.ts';
import { DiagramNotes } from './DiagramNotes.tsx';
import { useDepartedQueues } from './departedQueues.ts';
import './diagram.css';
import { Box } from '../viz/Box.tsx';
import { Term } from '../glossary/Term.tsx';
import type { TermId } from '../glossary/terms.ts';

const NO_QUEUES: readonly QueueView[] = [];

/** The rules the engine found broken, by the queue and by the request each finding names (each rule once). */
function brokenRules(violations: AdapterView['violations']) {
  const byQueue = new Map<number, string[]>();
  const byRequest = new Map<number, string[]>();
  const add = (map: Map<number, string[]>, key: number | undefined, rule: string) => {
    if (key === undefined) return;
    const rules = map.get(key) ?? [];
    if (!rules.includes(rule)) map.set(key, [...rules, rule]);
  };
  for (const { rule, queueId, requestId } of violations) {
    add(byQueue, queueId, rule);
    add(byRequest, requestId, rule);
  }
  return { byQueue, byRequest };
}

export function AdapterDiagram() {
  const [ref, width] = useElementWidth<HTMLDivElement>(1200);
  const { view, vms, digest } = useDrawingInput();
  const side = useSide();
  const root = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus<HTMLDivElement>();
  const theme = usePageStore((s) => s.theme);
  const playing = useSideStore((s) => s.playing);
  const paused = useRef(!playing);
  paused.current = !playing;
  // The dots the keyboard can reach: only while paused, and only when their number changes (not every frame).
  const [flightDots, setFlightDots] = useState<readonly number[]>([]);
  const [animator] = useState(() =>
    createFlightLayer(
      side.frames,
      () => {
        const selected = side.selection.getState().selected;
        return selected?.side === side.id && selected.kind === 'frame' ? selected.id : null;
      },
      // Written straight to the DOM, not through React: they change nearly every animation frame.
      ({ dots, frames }) => {
        root.current?.setAttribute('data-drawn-dots', String(dots));
        root.current?.setAttribute('data-dot-frames', String(frames));
        if (paused.current) setFlightDots((shown) => (shown.length === dots * 3 ? shown : Array.from(animator.dots())));
      },
    ),
  );
  const [planner] = useState(() => new FlightPlanner());
  const sampleEvery = useAnimationFeed(side, animator, planner);

  const queues = view?.queues ?? NO_QUEUES;
  const filters = view?.filters ?? [];
  const oids = requestsToList(digest, width < COMPACT_BELOW_PX ? 4 : 5);
  const departed = useDepartedQueues(queues, digest.queueStateIndications);
  const broken = brokenRules(view?.violations ?? []);
  const drawn = [...queues, ...departed.map((d) => d.queue)].sort((a, b) => a.QueueId - b.QueueId);
  const indicated = queues.filter((q) => digest.queueStateIndications.has(q.QueueId)).map((q) => q.QueueId);
  const input: DiagramInput = {
    // Narrower than its minimum (200 % zoom, a phone) the drawing keeps its size and scrolls sideways.
    width: Math.max(width, MIN_DIAGRAM_PX),
    queues: drawn.map((q) => ({ queueId: q.QueueId, cpu: q.cpu, vmName: q.VmName })),
    filters: filters.map((f) => ({ filterId: f.FilterId, queueId: f.QueueId })),
    vmNames: vms.map((vm) => vm.name),
    dropReasons: DROP_REASONS.filter((reason) => (view?.totals.dropped[reason] ?? 0) > 0),
    indicatedQueueIds: [...indicated, ...departed.filter((d) => d.indication).map((d) => d.queue.QueueId)],
    // One row more for the "+N earlier" line when the list leaves requests out.
    oidCount: oids.length + (digest.oids.size > oids.length ? 1 : 0),
  };
  // A new layout only when the structure changed, not on every batch: the canvas follows it.
  const structure = JSON.stringify(input);
  const layout = useMemo(() => layoutDiagram(JSON.parse(structure) as DiagramInput), [structure]);

  useLayoutEffect(() => animator.setLayout(layout), [animator, layout]);
  useEffect(() => side.selection.subscribe(() => animator.redraw()), [side, animator]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `theme` is why it redraws (the layer reads the colours).
  useEffect(() => animator.redraw(), [animator, theme]);

  const vmIndexOf = (name: string): number | null => {
    const i = vms.findIndex((vm) => vm.name === name);
    return i < 0 ? null : i;
  };
  const vmIndexOfQueue = (queueId: number): number | null =>
    queueId === 0 ? null : vmIndexOf(queues.find((q) => q.QueueId === queueId)?.VmName ?? '');

  // A click on a moving dot selects its frame; anything else falls through to the SVG (queues, filters).
  const onClickCapture = (event: MouseEvent<HTMLDivElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const frameId = animator.hit({ x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    if (frameId === null) return;
    event.stopPropagation();
    side.select({ kind: 'frame', id: frameId });
  };

  return (
    <div
      ref={root}
      className="flex flex-col gap-2"
      data-testid="adapter-diagram"
      data-drawn-dots={0}
      data-dot-frames={0}
    >
      <DiagramNotes sampleEvery={sampleEvery} vms={vms} />
      <div ref={ref} className="w-full overflow-x-auto overflow-y-hidden">
        <div ref={roving} className="relative" style={{ width: layout.width }} onClickCapture={onClickCapture}>
          {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; "group" (not "img") names the drawing while keeping the queue buttons inside it reachable. */}
          <svg
            width={layout.width}
            height={layout.height}
            role="group"
            aria-label="Receive path: wire, NIC classifier and queues, CPUs, Hyper-V switch, partitions"
            className="block select-none"
          >
            <Box rect={layout.nic} rx={12} fill={vizVar('lane')} stroke={vizVar('grid')} />
            <Wire layout={layout} />
            <Edges layout={layout} queues={queues} />
            <ClassifierTable layout={layout} filters={filters} vmIndexOfQueue={vmIndexOfQueue} />
            {layout.queues.map((box) => {
              const queue = queues.find((q) => q.QueueId === box.queueId);
              const ghost = queue ? undefined : departed.find((d) => d.queue.QueueId === box.queueId);
              const shown = queue ?? ghost?.queue;
              return shown ? (
                <QueueRow
                  key={box.queueId}
                  box={box}
                  queue={shown}
                  vmIndex={vmIndexOf(shown.VmName)}
                  indication={ghost ? ghost.indication : digest.queueStateIndications.get(box.queueId)}
                  narrow={layout.narrowQueues}
                  departed={ghost !== undefined}
                  broken={broken.byQueue.get(box.queueId)}
                />
              ) : null;
            })}
            <DiscardBin layout={layout} dropped={view?.totals.dropped ?? {}} />
            <CpuBoxes layout={layout} queues={queues} />
            <SwitchBox
              layout={layout}
              oids={oids}
              earlier={digest.oids.size - oids.length}
              brokenByRequest={broken.byRequest}
            />
            <HostBoxes layout={layout} vms={vms} />
            {indicated.map((queueId) => {
              const cause = digest.queueStateIndications.get(queueId)?.cause;
              const row = cause ? oids.findIndex((f) => f.requestId === cause.requestId) : -1;
              return row < 0 ? null : (
                <IndicationLink key={queueId} layout={layout} queueId={queueId} requestRow={row} />
              );
            })}
          </svg>
          <ColumnTitles layout={layout} ndisVersion={view?.ndisVersion} />
          <LayerCanvas
            width={layout.width}
            height={layout.height}
            onCanvas={animator.attach}
            drawerSizes={animator.sizesItsCanvas}
          />
          {!playing && <FlightTargets dots={flightDots} />}
        </div>
      </div>
    </div>
  );
}

/** The Ethernet cable up to the NIC's port (Edges carries it on to the classifier). */
function Wire({ layout }: { layout: ReturnType<typeof layoutDiagram> }) {
  const y = layout.classifier.y + layout.classifier.h / 2;
  return (
    <g aria-hidden>
      <line
        x1={layout.wire.x}
        y1={y}
        x2={layout.nic.x}
        y2={y}
        stroke={vizVar('muted')}
        strokeWidth={3}
        strokeLinecap="round"
      />
      <rect
        x={layout.nic.x - 5}
        y={y - 9}
        width={10}
        height={18}
        rx={2}
        fill={vizVar('bg')}
        stroke={vizVar('muted')}
        strokeWidth={1.5}
      />
    </g>
  );
}

/** The columns' titles, in HTML over the drawing so each is a glossary term (an SVG <text> cannot hold its tip). */
function ColumnTitles({
  layout,
  ndisVersion,
}: {
  layout: ReturnType<typeof layoutDiagram>;
  ndisVersion: number | undefined;
}) {
  const top = layout.columnTitleY - 11;
  const title = (x: number, term: TermId | null, text: string, centred = false) => (
    <span
      className="absolute whitespace-nowrap text-[11px] font-semibold leading-none tracking-[0.4px] text-slate-500"
      style={{ left: x, top, transform: centred ? 'translateX(-50%)' : undefined }}
    >
      {term ? <Term id={term}>{text}</Term> : text}
    </span>
  );
  const cpuColumn = layout.cpus[0]?.rect;
  return (
    <div data-testid="diagram-column-titles">
      {/* Centred over the cable, but never past the drawing's left edge (a compact layout's cable is short). */}
      {title(Math.max(layout.wire.x + layout.wire.w / 2, textWidth('WIRE', 11) / 2 + 4), null, 'WIRE', true)}
      {title(
        layout.nic.x + 4,
        'miniport',
        layout.compact
          ? 'NIC'
          : `NETWORK ADAPTER (MINIPORT${ndisVersion ? `, NDIS ${formatNdisVersion(ndisVersion)}` : ''})`,
      )}
      {cpuColumn && title(cpuColumn.x + cpuColumn.w / 2, 'dpc', 'CPUs', true)}
      {title(layout.vswitch.x + 4, 'vsp', layout.compact ? 'SWITCH' : 'HYPER-V SWITCH')}
      {layout.hosts[0] && title(layout.hosts[0].rect.x + 4, 'guest', 'PARTITIONS')}
    </div>
  );
}
