/**
 * The filter OIDs (§3.7, §3.8, §3.11–3.13, §6): NDIS validates against the advertised capabilities
 * and assigns FilterIds; the miniport programs its MAC/VLAN table under the §6.3 rules.
 */
import { allocatedQueue, setQueueState, type Ctx } from '../context.ts';
import { flushPending } from '../datapath.ts';
import { formatMac } from '../frame.ts';
import { readArray, readFilterId, readMacValue, readNumber, readQueueId, type InfoBuffer } from '../ndis/buffer.ts';
import {
  FIELD_FLAG_NAMES,
  FILTER_FLAG_NAMES,
  NDIS_FRAME_HEADER,
  NDIS_MAC_HEADER_FIELD,
  NDIS_OBJECT_TYPE_DEFAULT,
  NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
  NDIS_RECEIVE_FILTER_TEST,
  NDIS_RECEIVE_FILTER_TYPE,
} from '../ndis/constants.ts';
import { revisionFor, structSize } from '../ndis/structs.ts';
import type { FilterState } from '../state.ts';
import { asFilterId, type FilterId, type FilterSpec } from '../types.ts';
import type { OidDescriptor } from './descriptor.ts';
import { filterOf, LATEST_QUEUE, latestQueue, QUEUE_ID, vmQueues, writeFilterTests } from './form.ts';
import { fail, ok, type OidCall } from './outcome.ts';
import { configurableQueue } from './queueParams.ts';

const FIELD_SIZE = structSize('NDIS_RECEIVE_FILTER_FIELD_PARAMETERS', 1)!;
const FIELD_FLAGS: Record<string, number> = Object.fromEntries(FIELD_FLAG_NAMES);
const FILTER_FLAGS: Record<string, number> = Object.fromEntries(FILTER_FLAG_NAMES);

/** SupportedFilterTests bit of each test, and SupportedMacHeaderFields bit of each MAC field (§2.5). */
const TEST_BIT: Record<number, number> = { 1: 0x1, 2: 0x2, 3: 0x4 };
const MAC_FIELD_BIT: Record<number, number> = { 1: 0x1, 2: 0x2, 3: 0x4, 4: 0x8, 5: 0x10, 6: 0x20 };

const filterParamsSize = (ctx: Ctx, call: OidCall): number =>
  structSize('NDIS_RECEIVE_FILTER_PARAMETERS', readNumber(call.buffer['Header'] as InfoBuffer, 'Revision', 1)) ??
  structSize('NDIS_RECEIVE_FILTER_PARAMETERS', revisionFor('NDIS_RECEIVE_FILTER_PARAMETERS', ctx.ndisVersion))!;

interface FieldTest {
  frameHeader: number;
  test: number;
  field: number;
  flags: number;
  raw: InfoBuffer;
}

function fieldLayout(ctx: Ctx, call: OidCall) {
  const fields = readArray(call.buffer, 'FieldParameters');
  const base = filterParamsSize(ctx, call);
  return {
    fields,
    offset: readNumber(call.buffer, 'FieldParametersArrayOffset', base),
    count: readNumber(call.buffer, 'FieldParametersArrayNumElements', fields.length),
    elementSize: readNumber(call.buffer, 'FieldParametersArrayElementSize', FIELD_SIZE),
    base,
  };
}

const readField = (raw: InfoBuffer): FieldTest => ({
  frameHeader: readNumber(raw, 'FrameHeader', NDIS_FRAME_HEADER.NdisFrameHeaderMac, NDIS_FRAME_HEADER),
  test: readNumber(
    raw,
    'ReceiveFilterTest',
    NDIS_RECEIVE_FILTER_TEST.NdisReceiveFilterTestEqual,
    NDIS_RECEIVE_FILTER_TEST,
  ),
  field: readNumber(
    raw,
    'MacHeaderField',
    readNumber(raw, 'HeaderField', 0, NDIS_MAC_HEADER_FIELD),
    NDIS_MAC_HEADER_FIELD,
  ),
  flags: readNumber(raw, 'Flags', 0, FIELD_FLAGS),
  raw,
});

/** §3.7 / R10: the lowest FilterId in 1..MaxMacHeaderFilters not in use on the adapter. */
function freeFilterId(ctx: Ctx): FilterId | undefined {
  for (let id = 1; id <= ctx.caps!.current.MaxMacHeaderFilters; id++) if (!ctx.s.filters[id]) return asFilterId(id);
  return undefined;
}

const setFilter: OidDescriptor = {
  value: 0x00010227,
  kinds: ['method'],
  struct: 'NDIS_RECEIVE_FILTER_PARAMETERS',
  section: '3.7',
  purpose: 'Steers frames to a queue: NDIS assigns the FilterId, the miniport programs its MAC/VLAN table.',
  form: {
    fields: [
      { kind: 'enum', path: ['FilterType'], members: NDIS_RECEIVE_FILTER_TYPE },
      QUEUE_ID,
      { kind: 'flags', path: ['Flags'], flags: FILTER_FLAG_NAMES },
      { kind: 'filterTests' },
    ],
    defaults({ vms, view }) {
      // The newest queue that has no filter yet, for its own VM.
      const target =
        vmQueues(view)
          .filter((q) => q.filterIds.length === 0)
          .at(-1) ?? latestQueue(view);
      const vm = vms.find((v) => v.name === target?.VmName) ?? vms[0];
      const vlanId = vm?.vlan ?? null;
      return {
        FilterType: 'NdisReceiveFilterTypeVMQueue',
        QueueId: target?.QueueId ?? 0,
        FieldParameters: writeFilterTests({
          mac: vm?.mac ?? '00-15-5D-00-00-01',
          vlanId,
          untaggedOrZero: vlanId === null,
        }),
      };
    },
  },
  bytesNeeded(ctx, call) {
    const { offset, count, elementSize, base } = fieldLayout(ctx, call);
    return count === 0 ? base : Math.max(base, offset + count * elementSize);
  },
  ndis(ctx, call) {
    const b = call.buffer;
    const caps = ctx.caps!.current;
    if (
      readNumber(b, 'FilterType', NDIS_RECEIVE_FILTER_TYPE.NdisReceiveFilterTypeVMQueue, NDIS_RECEIVE_FILTER_TYPE) !==
      NDIS_RECEIVE_FILTER_TYPE.NdisReceiveFilterTypeVMQueue
    ) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        'FilterType must be NdisReceiveFilterTypeVMQueue on a VMQ adapter (R12)',
      );
    }
    if (readNumber(b, 'RequestedFilterIdBitCount', 0) !== 0)
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', 'RequestedFilterIdBitCount must be 0 (R12)');
    const { fields, count, elementSize } = fieldLayout(ctx, call);
    if (count !== fields.length || elementSize < FIELD_SIZE) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `FieldParametersArrayNumElements is ${count} with ${fields.length} field tests of ElementSize ${elementSize}`,
      );
    }
    if (fields.length === 0)
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', 'a VMQ filter needs at least one field test');
    const queueId = readQueueId(b);
    const q = configurableQueue(ctx, queueId, 'filters cannot be set while it is being freed');
    if ('status' in q) return q;
    if (q.id !== 0 && q.owner !== call.binding) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `only ${q.owner}, which allocated queue ${queueId}, may set filters on it (R11)`,
      );
    }
    for (const [i, f] of fields.map(readField).entries()) {
      if (f.frameHeader !== NDIS_FRAME_HEADER.NdisFrameHeaderMac || (caps.SupportedHeaders & 1) === 0) {
        return fail(
          'NDIS_STATUS_INVALID_PARAMETER',
          'NDIS',
          `FieldParameters[${i}]: only NdisFrameHeaderMac is usable for VMQ (R12)`,
        );
      }
      if (((TEST_BIT[f.test] ?? 0) & caps.SupportedFilterTests) === 0) {
        return fail(
          'NDIS_STATUS_INVALID_PARAMETER',
          'NDIS',
          `FieldParameters[${i}]: ReceiveFilterTest ${f.test} is not in SupportedFilterTests (R12)`,
        );
      }
      if (((MAC_FIELD_BIT[f.field] ?? 0) & caps.SupportedMacHeaderFields) === 0) {
        const vlanHint =
          f.field === NDIS_MAC_HEADER_FIELD.NdisMacHeaderFieldVlanId
            ? ' (VLAN filtering is off: *VMQVlanFiltering = 0)'
            : '';
        return fail(
          'NDIS_STATUS_INVALID_PARAMETER',
          'NDIS',
          `FieldParameters[${i}]: MacHeaderField ${f.field} is not in SupportedMacHeaderFields${vlanHint} (R12)`,
        );
      }
    }
    const filterId = freeFilterId(ctx);
    if (filterId === undefined)
      return fail(
        ctx.cfg.adapter.options.filtersExhaustedStatus,
        'NDIS',
        `all ${caps.MaxMacHeaderFilters} filters (MaxMacHeaderFilters) are in use`,
      );
    return { forward: { FilterId: filterId } };
  },
  miniport(ctx, call, prepared) {
    const filterId = prepared['FilterId'] as FilterId;
    const fields = fieldLayout(ctx, call).fields.map(readField);
    const shape = filterShape(ctx, fields);
    if (typeof shape === 'string') return fail('NDIS_STATUS_INVALID_PARAMETER', 'miniport', shape);
    const queueId = readQueueId(call.buffer);
    const q = ctx.s.queues[queueId]!;
    const parameters = { ...call.buffer, FilterId: filterId, Flags: readNumber(call.buffer, 'Flags', 0, FILTER_FLAGS) };
    const filter: FilterState = {
      id: filterId,
      queueId,
      owner: call.binding,
      spec: shape.spec,
      vlanAgnostic: shape.vlanAgnostic,
      parameters,
    };
    ctx.s.filters[filterId] = filter;
    q.filterIds.push(filterId);
    ctx.emit({
      kind: 'filter-set',
      filterId,
      queueId,
      binding: call.binding,
      filter: shape.spec,
      vlanAgnostic: shape.vlanAgnostic,
      causeRequestId: call.requestId,
    });
    if (q.state === 'Allocated') setQueueState(ctx, q, 'Set', call.requestId);
    else if (q.state === 'Paused') setQueueState(ctx, q, 'Running', call.requestId);
    ctx.filtersChanged();
    return ok(
      'miniport',
      `FilterId ${filterId} programmed on queue ${queueId}: ${describeSpec(shape.spec, shape.vlanAgnostic)}`,
      parameters,
    );
  },
};

export function describeSpec(spec: FilterSpec, vlanAgnostic: boolean): string {
  const mac = formatMac(spec.mac);
  if (vlanAgnostic) return `MAC ${mac}, any VLAN (tag stripped into Ieee8021QNetBufferListInfo)`;
  return spec.vlanId === null ? `MAC ${mac}, untagged or VLAN 0` : `MAC ${mac} on VLAN ${spec.vlanId}`;
}

/**
 * §6.3 and the sample's rules: exactly a destination-MAC EQUAL test, plus either a VLAN EQUAL test
 * or the UNTAGGED_OR_ZERO flag — never both. A MAC-only filter without the flag must fail on 6.20
 * (R13); a 6.30 miniport may accept it as a VLAN-agnostic filter that strips the tag.
 */
function filterShape(ctx: Ctx, fields: FieldTest[]): { spec: FilterSpec; vlanAgnostic: boolean } | string {
  const equal = NDIS_RECEIVE_FILTER_TEST.NdisReceiveFilterTestEqual;
  const macTests = fields.filter((f) => f.field === NDIS_MAC_HEADER_FIELD.NdisMacHeaderFieldDestinationAddress);
  const vlanTests = fields.filter((f) => f.field === NDIS_MAC_HEADER_FIELD.NdisMacHeaderFieldVlanId);
  if (
    macTests.length !== 1 ||
    vlanTests.length > 1 ||
    macTests.length + vlanTests.length !== fields.length ||
    fields.some((f) => f.test !== equal)
  ) {
    return 'this miniport filters on exactly one destination-MAC EQUAL test and at most one VLAN-ID EQUAL test';
  }
  const macTest = macTests[0]!;
  const untaggedOrZero = fields.some(
    (f) => (f.flags & NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO) !== 0,
  );
  const mac = readMacValue(macTest.raw, 'FieldByteArrayValue' in macTest.raw ? 'FieldByteArrayValue' : 'FieldValue');
  const vlanTest = vlanTests[0];
  if (vlanTest) {
    if (untaggedOrZero)
      return 'a VLAN-ID test and NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO exclude each other';
    const vlanId = readNumber(vlanTest.raw, 'FieldShortValue', readNumber(vlanTest.raw, 'FieldValue', -1));
    if (!Number.isInteger(vlanId) || vlanId < 0 || vlanId > 4095) return `VLAN ID ${vlanId} is outside 0..4095`;
    return { spec: { mac, vlanId, untaggedOrZero: false }, vlanAgnostic: false };
  }
  if (untaggedOrZero) return { spec: { mac, vlanId: null, untaggedOrZero: true }, vlanAgnostic: false };
  if (ctx.ndisVersion < 630)
    return 'an NDIS 6.20 miniport must fail a MAC-only filter that has neither a VLAN test nor NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO (R13)';
  if (ctx.cfg.adapter.options.macOnlyFilter === 'reject')
    return 'this 6.30 miniport rejects MAC-only filters without NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO (§6.3 rule 3)';
  return { spec: { mac, vlanId: null, untaggedOrZero: false }, vlanAgnostic: true };
}

const clearFilter: OidDescriptor = {
  value: 0x00010228,
  kinds: ['set'],
  struct: 'NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS',
  section: '3.8',
  purpose: 'Removes a filter; clearing a queue’s last one stops its indications.',
  form: {
    fields: [QUEUE_ID, { kind: 'filterId', path: ['FilterId'] }],
    defaults({ view }) {
      const latest = latestQueue(view);
      const filter = filterOf(view, latest);
      return { QueueId: filter?.QueueId ?? latest?.QueueId ?? 0, FilterId: filter?.FilterId ?? 1 };
    },
  },
  bytesNeeded: () => structSize('NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS', 1)!,
  ndis(ctx, call) {
    const filterId = readFilterId(call.buffer);
    const queueId = readQueueId(call.buffer);
    const f = ctx.s.filters[filterId];
    if (filterId === 0 || !f)
      return fail('NDIS_STATUS_FILE_NOT_FOUND', 'NDIS', `FilterId ${filterId} is not a valid filter (R17)`);
    if (f.queueId !== queueId)
      return fail(
        'NDIS_STATUS_FILE_NOT_FOUND',
        'NDIS',
        `FilterId ${filterId} is on queue ${f.queueId}, not queue ${queueId} (R17)`,
      );
    if (f.owner !== call.binding)
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `only ${f.owner}, which set FilterId ${filterId}, may clear it (R17)`,
      );
    return { forward: {} };
  },
  miniport(ctx, call) {
    const filterId = readFilterId(call.buffer);
    const f = ctx.s.filters[filterId]!;
    removeFilter(ctx, f, call.requestId);
    const q = ctx.s.queues[f.queueId]!;
    return ok(
      'miniport',
      `FilterId ${filterId} cleared from queue ${f.queueId}${q.filterIds.length === 0 && q.id !== 0 ? ` — its last filter: queue is now ${q.state}, and no DmaStopped indication is sent for this (R18)` : ''}`,
    );
  },
};

/**
 * Removes a filter from the hardware table. Clearing a queue's last filter flushes what it holds and
 * moves Set → Allocated or Running → Paused, without any state indication (§6.4, R18).
 */
export function removeFilter(ctx: Ctx, f: FilterState, causeRequestId?: number): void {
  const q = ctx.s.queues[f.queueId]!;
  ctx.s.filters[f.id] = undefined;
  q.filterIds = q.filterIds.filter((id) => id !== f.id);
  ctx.emit({
    kind: 'filter-cleared',
    filterId: f.id,
    queueId: q.id,
    ...(causeRequestId !== undefined ? { causeRequestId } : {}),
  });
  if (q.filterIds.length === 0 && q.id !== 0) {
    flushPending(ctx, q, 'filters-cleared');
    if (q.state === 'Set') setQueueState(ctx, q, 'Allocated', causeRequestId);
    else if (q.state === 'Running') setQueueState(ctx, q, 'Paused', causeRequestId);
  }
  ctx.filtersChanged();
}

const enumFilters: OidDescriptor = {
  value: 0x00010229,
  kinds: ['method'],
  struct: 'NDIS_RECEIVE_FILTER_INFO_ARRAY',
  section: '3.11',
  purpose: 'Lists the filters of one queue.',
  form: LATEST_QUEUE,
  bytesNeeded(ctx, call) {
    const q = allocatedQueue(ctx, readQueueId(call.buffer));
    return infoArraySize(ctx) + (q?.filterIds.length ?? 0) * structSize('NDIS_RECEIVE_FILTER_INFO', 1)!;
  },
  ndis(ctx, call) {
    const queueId = readQueueId(call.buffer);
    const q = configurableQueue(ctx, queueId, 'ENUM_FILTERS is valid only in Allocated, Set, Running or Paused (R29)');
    if ('status' in q) return q;
    const infoSize = structSize('NDIS_RECEIVE_FILTER_INFO', 1)!;
    const elements = [...q.filterIds]
      .sort((a, b) => a - b)
      .map((id) => ({
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 1, Size: infoSize },
        Flags: 0,
        FilterType: NDIS_RECEIVE_FILTER_TYPE.NdisReceiveFilterTypeVMQueue,
        FilterId: id,
      }));
    const revision = revisionFor('NDIS_RECEIVE_FILTER_INFO_ARRAY', ctx.ndisVersion);
    return {
      ...ok('NDIS', `answered from NDIS's cache: ${elements.length} filter(s) on queue ${queueId}`, {
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: revision, Size: infoArraySize(ctx) },
        QueueId: queueId,
        FirstElementOffset: infoArraySize(ctx),
        NumElements: elements.length,
        ElementSize: infoSize,
        Elements: elements,
      }),
      bytesReadOrWritten: infoArraySize(ctx) + elements.length * infoSize,
    };
  },
};

const infoArraySize = (ctx: Ctx): number =>
  structSize('NDIS_RECEIVE_FILTER_INFO_ARRAY', revisionFor('NDIS_RECEIVE_FILTER_INFO_ARRAY', ctx.ndisVersion))!;

const filterParameters: OidDescriptor = {
  value: 0x0001022a,
  kinds: ['method'],
  struct: 'NDIS_RECEIVE_FILTER_PARAMETERS',
  section: '3.12',
  purpose: 'Reads one filter’s parameters from NDIS’s cache.',
  form: {
    fields: [{ kind: 'filterId', path: ['FilterId'] }],
    defaults: ({ view }) => ({ FilterId: filterOf(view, latestQueue(view))?.FilterId ?? 1 }),
  },
  bytesNeeded(ctx, call) {
    const f = ctx.s.filters[readFilterId(call.buffer)];
    const fields = f ? readArray(f.parameters, 'FieldParameters').length : 0;
    return filterParamsSize(ctx, call) + fields * FIELD_SIZE;
  },
  ndis(ctx, call) {
    const filterId = readFilterId(call.buffer);
    const f = ctx.s.filters[filterId];
    if (filterId === 0 || !f)
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `FilterId ${filterId} is zero or unknown (R29)`);
    return ok('NDIS', `answered from NDIS's cache of FilterId ${filterId}`, f.parameters);
  },
};

const moveFilter: OidDescriptor = {
  value: 0x00010230,
  kinds: ['set'],
  struct: 'NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS',
  section: '3.13',
  purpose: 'Moves a filter between SR-IOV virtual ports (NDIS 6.30+); a VMQ-only adapter refuses it.',
  form: {
    fields: [
      { kind: 'filterId', path: ['FilterId'] },
      { kind: 'queueId', path: ['SourceQueueId'] },
      { kind: 'queueId', path: ['DestQueueId'] },
    ],
    defaults: ({ view }) => ({
      FilterId: filterOf(view, latestQueue(view))?.FilterId ?? 1,
      SourceQueueId: 0,
      DestQueueId: 0,
    }),
  },
  bytesNeeded: () => structSize('NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS', 1)!,
  ndis: () =>
    fail(
      'NDIS_STATUS_NOT_SUPPORTED',
      'NDIS',
      'OID_RECEIVE_FILTER_MOVE_FILTER is for SR-IOV virtual ports; this adapter runs VMQ only (R45)',
    ),
};

export const FILTER_OIDS = {
  OID_RECEIVE_FILTER_SET_FILTER: setFilter,
  OID_RECEIVE_FILTER_CLEAR_FILTER: clearFilter,
  OID_RECEIVE_FILTER_ENUM_FILTERS: enumFilters,
  OID_RECEIVE_FILTER_PARAMETERS: filterParameters,
  OID_RECEIVE_FILTER_MOVE_FILTER: moveFilter,
} satisfies Record<string, OidDescriptor>;
