/**
 * Where everything sits in the adapter diagram, in CSS pixels of the diagram's own width, so text keeps one size
 * whether the diagram fills the page or half of it (compare mode). Pure: the SVG and the canvas of moving frames
 * both read one DiagramLayout, and the tests check it without a DOM.
 *
 * Left to right, the receive path: the wire → the NIC (its classifier's filter table, its queues with their
 * receive buffers, the discard bin) → the CPU whose DPC services each queue → the Hyper-V switch → the partitions.
 */
import { MANAGEMENT_OS, type DropReason } from '../../engine/index.ts';
import { spreadCentres } from '../viz/geometry.ts';
import type { Point, Rect } from '../viz/geometry.ts';

export interface DiagramInput {
  width: number;
  /** Live queues in QueueId order (the default queue first). */
  queues: readonly { queueId: number; cpu: number; vmName: string }[];
  /** Filters in FilterId order. */
  filters: readonly { filterId: number; queueId: number }[];
  /** The scenario's VMs, in order. */
  vmNames: readonly string[];
  /** Drop reasons to give a compartment in the discard bin. */
  dropReasons: readonly DropReason[];
  /** Queues showing a NDIS_STATUS_RECEIVE_QUEUE_STATE indication: their rows grow a banner for it. */
  indicatedQueueIds: readonly number[];
  /** OID requests listed in the switch. */
  oidCount: number;
}

/** The classifier's last row: frames no filter takes go to the default queue (§1.5). */
export const NO_MATCH_FILTER_ID = 0;

export interface FilterRow {
  filterId: number;
  queueId: number;
  rect: Rect;
}
export interface QueueBox {
  queueId: number;
  rect: Rect;
  /** The strip of receive-buffer cells. */
  strip: Rect;
  /** The status-indication banner at the bottom of the row, when the queue has one. */
  banner: Rect | null;
}
export interface CpuBox {
  cpu: number;
  rect: Rect;
}
export interface HostBox {
  name: string;
  rect: Rect;
}
export interface BinCompartment {
  reason: DropReason;
  rect: Rect;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Narrow columns everywhere (half a page, in compare mode): shorter labels and fewer words. */
  compact: boolean;
  /** Queue rows too narrow for title, pill and detailed state on one line: the detailed state gets a line of its own. */
  narrowQueues: boolean;
  /** A filter table too narrow for MAC, VLAN and target on one line: each filter takes two lines. */
  narrowFilters: boolean;
  columnTitleY: number;
  wire: Rect;
  nic: Rect;
  classifier: Rect;
  filterRows: FilterRow[];
  queues: QueueBox[];
  cpus: CpuBox[];
  vswitch: Rect;
  /** The switch's recent OID requests, one row each. */
  oidRows: Rect[];
  hosts: HostBox[];
  bin: Rect;
  compartments: BinCompartment[];
}

interface Metrics {
  wire: number;
  gap: number;
  nicPad: number;
  innerGap: number;
  cpu: number;
  vswitch: number;
  host: number;
  queueGap: number;
  cpuBox: number;
  hostBox: number;
  bin: number;
  oidRow: number;
  /** Share of the NIC's free width that goes to the classifier (the rest to the queues). */
  classifierShare: number;
}

const WIDE: Metrics = {
  wire: 56,
  gap: 24,
  nicPad: 14,
  innerGap: 44,
  cpu: 88,
  vswitch: 204,
  host: 156,
  queueGap: 12,
  cpuBox: 46,
  hostBox: 52,
  bin: 62,
  oidRow: 34,
  classifierShare: 0.36,
};
const COMPACT: Metrics = {
  wire: 28,
  gap: 14,
  nicPad: 10,
  innerGap: 24,
  cpu: 56,
  vswitch: 128,
  host: 88,
  queueGap: 10,
  cpuBox: 42,
  hostBox: 44,
  bin: 58,
  oidRow: 32,
  classifierShare: 0.36,
};

/** A queue row: one title line (or two when narrow), the buffer strip, the counts line. */
const ROW = { wide: { height: 80, stripTop: 32 }, narrow: { height: 86, stripTop: 44 } };
/** A filter row: one line, or two (MAC, then VLAN and target) when narrow. */
const FILTER_ROW = { wide: 26, narrow: 34 };
/** Narrower than this, queue rows and filter rows switch to their two-line forms. */
const NARROW_QUEUES_BELOW_PX = 470;
const NARROW_FILTERS_BELOW_PX = 290;
/** Below this width the diagram switches to COMPACT. */
export const COMPACT_BELOW_PX = 1000;
/** The narrowest the diagram is drawn: a full MAC still fits in the filter table and every column keeps its title;
 * a narrower container scrolls it sideways instead of cutting its labels. */
export const MIN_DIAGRAM_PX = 840;
/** Room above the columns for their titles. */
const TOP = 34;
const CLASSIFIER_HEADER = 30;
/** The switch's title block above its OID rows. */
const SWITCH_HEADER = 46;
/** Height a status-indication banner (two lines: the status, then the request it answers) adds to its queue row. */
const BANNER = 40;
/** An empty discard bin is one line high. */
const EMPTY_BIN = 30;

export function layoutDiagram(input: DiagramInput): DiagramLayout {
  const compact = input.width < COMPACT_BELOW_PX;
  const m = compact ? COMPACT : WIDE;
  const fixed = m.wire + m.gap + 2 * m.nicPad + m.innerGap + m.gap + m.cpu + m.gap + m.vswitch + m.gap + m.host;
  const free = Math.max(input.width - fixed, 240);
  const classifierW = Math.round(free * m.classifierShare);
  const queuesW = free - classifierW;
  const narrowQueues = queuesW < NARROW_QUEUES_BELOW_PX;
  const narrowFilters = classifierW < NARROW_FILTERS_BELOW_PX;
  const row = narrowQueues ? ROW.narrow : ROW.wide;
  const filterRowH = narrowFilters ? FILTER_ROW.narrow : FILTER_ROW.wide;

  const nicX = m.wire + m.gap;
  const classifierX = nicX + m.nicPad;
  const queuesX = classifierX + classifierW + m.innerGap;
  const nicRight = queuesX + queuesW + m.nicPad;
  const cpuX = nicRight + m.gap;
  const switchX = cpuX + m.cpu + m.gap;
  const hostX = switchX + m.vswitch + m.gap;
  const contentTop = TOP + m.nicPad;

  let rowY = contentTop;
  const queues: QueueBox[] = input.queues.map((q) => {
    const indicated = input.indicatedQueueIds.includes(q.queueId);
    const rect = { x: queuesX, y: rowY, w: queuesW, h: row.height + (indicated ? BANNER : 0) };
    rowY += rect.h + m.queueGap;
    const banner = indicated ? { x: rect.x + 10, y: rect.y + row.height - 4, w: rect.w - 20, h: BANNER - 4 } : null;
    return {
      queueId: q.queueId,
      rect,
      strip: { x: rect.x + 10, y: rect.y + row.stripTop, w: rect.w - 20, h: 18 },
      banner,
    };
  });
  const queuesBottom = queues.at(-1) ? bottomOf((queues.at(-1) as QueueBox).rect) : contentTop;

  const rows = [...input.filters, { filterId: NO_MATCH_FILTER_ID, queueId: 0 }];
  const filterRows: FilterRow[] = rows.map((f, i) => ({
    filterId: f.filterId,
    queueId: f.queueId,
    rect: {
      x: classifierX + 8,
      y: contentTop + CLASSIFIER_HEADER + i * filterRowH,
      w: classifierW - 16,
      h: filterRowH - 4,
    },
  }));
  const classifierH = CLASSIFIER_HEADER + rows.length * filterRowH + 6;
  const classifier = { x: classifierX, y: contentTop, w: classifierW, h: classifierH };

  const rowCentre = (queueId: number): number | undefined => {
    const box = queues.find((q) => q.queueId === queueId);
    return box && box.rect.y + box.rect.h / 2;
  };

  // A CPU lines up with the queues its DPC services; a VM with its queue; the management OS with the default queue.
  const cpuIds = [...new Set(input.queues.map((q) => q.cpu))].sort((a, b) => a - b);
  const cpuWanted = cpuIds.map((cpu) => {
    const centres = input.queues.filter((q) => q.cpu === cpu).map((q) => rowCentre(q.queueId) as number);
    return centres.reduce((sum, c) => sum + c, 0) / centres.length;
  });
  const cpuCentres = spreadCentres(cpuWanted, m.cpuBox, 10, contentTop);
  const cpus = cpuIds.map((cpu, i) => ({
    cpu,
    rect: { x: cpuX, y: (cpuCentres[i] as number) - m.cpuBox / 2, w: m.cpu, h: m.cpuBox },
  }));

  const hostNames = [MANAGEMENT_OS, ...input.vmNames];
  let previous = contentTop + m.hostBox / 2;
  const hostWanted = hostNames.map((name) => {
    const queue =
      name === MANAGEMENT_OS
        ? input.queues.find((q) => q.queueId === 0)
        : input.queues.find((q) => q.queueId !== 0 && q.vmName === name);
    previous = queue ? (rowCentre(queue.queueId) as number) : previous + m.hostBox + 10;
    return previous;
  });
  const hostCentres = spreadCentres(hostWanted, m.hostBox, 10, contentTop);
  const hosts = hostNames.map((name, i) => ({
    name,
    rect: { x: hostX, y: (hostCentres[i] as number) - m.hostBox / 2, w: m.host, h: m.hostBox },
  }));

  const oidRows = Array.from({ length: input.oidCount }, (_, i) => ({
    x: switchX + 8,
    y: contentTop + SWITCH_HEADER + i * m.oidRow,
    w: m.vswitch - 16,
    h: m.oidRow - 4,
  }));

  const bodyBottom = Math.max(
    queuesBottom,
    ...oidRows.map(bottomOf),
    bottomOf(classifier),
    ...cpus.map((c) => bottomOf(c.rect)),
    ...hosts.map((h) => bottomOf(h.rect)),
  );
  const bin = {
    x: classifierX,
    y: bodyBottom + 18,
    w: nicRight - m.nicPad - classifierX,
    h: input.dropReasons.length > 0 ? m.bin : EMPTY_BIN,
  };
  const nic = { x: nicX, y: TOP, w: nicRight - nicX, h: bin.y + bin.h + m.nicPad - TOP };
  const compartmentW = Math.min(bin.w / Math.max(input.dropReasons.length, 1), 220);
  const compartments = input.dropReasons.map((reason, i) => ({
    reason,
    rect: { x: bin.x + i * compartmentW, y: bin.y, w: compartmentW, h: bin.h },
  }));
  const height = nic.y + nic.h + 8;

  return {
    width: input.width,
    height,
    compact,
    narrowQueues,
    narrowFilters,
    columnTitleY: TOP - 12,
    wire: { x: 0, y: TOP, w: m.wire, h: nic.h },
    nic,
    classifier,
    filterRows,
    queues,
    cpus,
    vswitch: { x: switchX, y: TOP, w: m.vswitch, h: nic.h },
    oidRows,
    hosts,
    bin,
    compartments,
  };
}

const bottomOf = (r: Rect): number => r.y + r.h;

/** A place a frame can be: the stops of its flight. */
export type Anchor =
  | { at: 'wire' }
  | { at: 'classifier' }
  | { at: 'filter'; filterId: number }
  | { at: 'queue'; queueId: number }
  | { at: 'slot'; queueId: number; slot: number; buffers: number }
  | { at: 'queue-exit'; queueId: number }
  | { at: 'cpu'; cpu: number }
  /** Into the switch from the DPC of `cpu`, and out of it toward partition `host` (it forwards by MAC inside). */
  | { at: 'switch-in'; cpu: number }
  | { at: 'switch-out'; host: string }
  | { at: 'host'; name: string }
  | { at: 'bin'; reason: DropReason };

/** Where an anchor is now, or null when its box is gone (a freed queue, a cleared filter). */
export function anchorPoint(layout: DiagramLayout, anchor: Anchor): Point | null {
  switch (anchor.at) {
    case 'wire':
      return { x: layout.wire.x + 2, y: layout.classifier.y + layout.classifier.h / 2 };
    case 'classifier':
      return { x: layout.classifier.x, y: layout.classifier.y + layout.classifier.h / 2 };
    case 'filter': {
      const row = layout.filterRows.find((r) => r.filterId === anchor.filterId);
      return row ? { x: row.rect.x + row.rect.w, y: row.rect.y + row.rect.h / 2 } : null;
    }
    case 'queue': {
      const box = layout.queues.find((q) => q.queueId === anchor.queueId);
      return box ? { x: box.rect.x, y: box.strip.y + box.strip.h / 2 } : null;
    }
    case 'slot': {
      const box = layout.queues.find((q) => q.queueId === anchor.queueId);
      if (!box) return null;
      const cell = box.strip.w / Math.max(anchor.buffers, 1);
      return { x: box.strip.x + (anchor.slot + 0.5) * cell, y: box.strip.y + box.strip.h / 2 };
    }
    case 'queue-exit': {
      const box = layout.queues.find((q) => q.queueId === anchor.queueId);
      return box ? { x: box.rect.x + box.rect.w, y: box.rect.y + box.rect.h / 2 } : null;
    }
    case 'cpu': {
      const box = layout.cpus.find((c) => c.cpu === anchor.cpu);
      return box ? { x: box.rect.x + box.rect.w / 2, y: box.rect.y + box.rect.h / 2 } : null;
    }
    case 'switch-in': {
      const box = layout.cpus.find((c) => c.cpu === anchor.cpu);
      return box ? { x: layout.vswitch.x, y: box.rect.y + box.rect.h / 2 } : null;
    }
    case 'switch-out': {
      const box = layout.hosts.find((h) => h.name === anchor.host);
      return box ? { x: layout.vswitch.x + layout.vswitch.w, y: box.rect.y + box.rect.h / 2 } : null;
    }
    case 'host': {
      const box = layout.hosts.find((h) => h.name === anchor.name);
      return box ? { x: box.rect.x, y: box.rect.y + box.rect.h / 2 } : null;
    }
    case 'bin': {
      const compartment = layout.compartments.find((c) => c.reason === anchor.reason);
      const rect = compartment?.rect ?? layout.bin;
      return { x: rect.x + rect.w / 2, y: rect.y + rect.h - 14 };
    }
  }
}
