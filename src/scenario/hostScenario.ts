/**
 * Turns a host's VMQ configuration (hostConfig.ts) into a scenario that rebuilds it: the adapter's capabilities, one
 * VM per VM network adapter, and the OIDs the Hyper-V switch sent to get there (allocate each queue on its
 * processor, set its MAC/VLAN filter, complete the allocation). The result is plain scenario JSON for parseScenario.
 */
import type { HostAdapter, HostConfig, HostQueue } from './hostConfig.ts';
import { MAX_NAME_CHARS } from './limits.ts';
import { NAME_PATTERN } from './refs.ts';

/** The receive buffers each VM queue asks for, as the built-in scenarios do. */
const SUGGESTED_BUFFERS = 32;

/** The scenario, and what the reader should know of how it was built. hostConfig.ts has already refused anything the
 * engine does not model, on its line, so building cannot fail. */
export interface HostScenario {
  scenario: Record<string, unknown>;
  notes: string[];
}

export function hostScenario(config: HostConfig, title = 'Imported host configuration'): HostScenario {
  const notes: string[] = [];
  const adapter = chosenAdapter(config, notes);
  const name = adapter?.name ?? config.queues[0]?.adapter ?? '';
  const queues = config.queues
    .filter((queue) => queue.adapter === name || queue.adapter === '')
    .sort((a, b) => a.queueId - b.queueId);
  const vmQueues = queues.filter((queue) => queue.queueId !== 0);
  // hostConfig.ts refused any processor the engine does not model, on its line.
  const highest = Math.max(
    0,
    ...queues.map((q) => q.processor.number + 1),
    adapter ? adapter.baseProcessor.number + adapter.maxProcessors : 0,
  );
  const enabled = adapter?.enabled ?? true;
  if (!enabled && vmQueues.length > 0) {
    notes.push(`VMQ is disabled on ${name}; its ${vmQueues.length} queues are left out.`);
  }
  const allocated = enabled ? vmQueues : [];
  const numQueues = Math.max(adapter?.numberOfReceiveQueues ?? 8, allocated.length);
  if (adapter && numQueues > adapter.numberOfReceiveQueues) {
    notes.push(
      `${name} lists ${allocated.length} VM queues but NumberOfReceiveQueues ${adapter.numberOfReceiveQueues}; NumQueues is ${numQueues}.`,
    );
  }
  const vms = vmNames(allocated);
  const scenario = {
    format: 'vmq-scenario',
    version: 2,
    title,
    description: `${name || 'The adapter'}${adapter?.interfaceDescription ? ` (${adapter.interfaceDescription})` : ''} as Get-NetAdapterVmq and Get-NetAdapterVmqQueue reported it: ${allocated.length} VM queue${allocated.length === 1 ? '' : 's'} besides the default queue.`,
    seed: 1,
    adapter: {
      // Get-NetAdapterVmq and Get-NetAdapterVmqQueue first shipped with Windows Server 2012 (NDIS 6.30).
      profile: 'ws2012',
      cpus: Math.max(1, highest),
      vmqEnabled: enabled,
      capabilities: { NumQueues: numQueues, MaxMacHeaderFilters: Math.max(16, allocated.length * 2) },
    },
    vms: [...new Map(allocated.map((queue) => [vms.get(queue)!, vmOf(vms.get(queue)!, queue)])).values()],
    steps:
      allocated.length === 0
        ? [{ note: 'The host has no VM queues: every frame goes to the default queue.' }]
        : steps(allocated, vms),
  };
  return { scenario, notes };
}

/** The adapter the queues are on; with several, the one with the most queues (the others are noted). */
function chosenAdapter(config: HostConfig, notes: string[]): HostAdapter | undefined {
  const count = (adapter: HostAdapter) => config.queues.filter((q) => q.adapter === adapter.name).length;
  const [first, ...others] = [...config.adapters].sort(
    (a, b) => count(b) - count(a) || Number(b.enabled) - Number(a.enabled),
  );
  if (others.length > 0) {
    notes.push(`Built ${first!.name}; left out ${others.map((a) => a.name).join(', ')}: a scenario has one adapter.`);
  }
  if (!first) notes.push("No Get-NetAdapterVmq output: the adapter's capabilities come from the ws2012 profile.");
  if (config.queues.length === 0) notes.push('No Get-NetAdapterVmqQueue output: the adapter has no VM queues.');
  return first;
}

/** A scenario VM name for each queue's VM network adapter: VmFriendlyName made a name, unique per MAC and VLAN. */
function vmNames(queues: HostQueue[]): Map<HostQueue, string> {
  const byNic = new Map<string, string>();
  const taken = new Set<string>();
  const names = new Map<HostQueue, string>();
  for (const queue of queues) {
    const nic = `${queue.mac}/${queue.vlan}`;
    let vm = byNic.get(nic);
    if (vm === undefined) {
      const base = asName(queue.vmFriendlyName);
      vm = base;
      for (let k = 2; taken.has(vm); k++) vm = `${base.slice(0, MAX_NAME_CHARS - 4)}-${k}`;
      taken.add(vm);
      byNic.set(nic, vm);
    }
    names.set(queue, vm);
  }
  return names;
}

const asName = (friendly: string): string => {
  const name = friendly
    .replace(/\.\.\.$|…$/, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_CHARS);
  return NAME_PATTERN.test(name) ? name : `VM_${name}`.slice(0, MAX_NAME_CHARS);
};

const vmOf = (name: string, queue: HostQueue) => ({
  name,
  mac: queue.mac,
  ...(queue.vlan > 0 ? { vlan: queue.vlan } : {}),
});

function steps(queues: HostQueue[], vms: Map<HostQueue, string>): object[] {
  const ref = (queue: HostQueue) => `$q${queue.queueId}.QueueId`;
  return [
    {
      note: `The Hyper-V switch rebuilds the host's ${queues.length} VM queues: each is allocated on its processor, given its VM's MAC${queues.some((q) => q.vlan > 0) ? ' and VLAN' : ''} filter, and completed.`,
    },
    ...queues.flatMap((queue) => [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        comment: `host QueueID ${queue.queueId}, processor ${queue.processor.group}:${queue.processor.number}`,
        buffer: {
          QueueType: 'NdisReceiveQueueTypeVMQueue',
          ProcessorAffinity: { Mask: 2 ** queue.processor.number, Group: queue.processor.group },
          NumSuggestedReceiveBuffers: SUGGESTED_BUFFERS,
          VmName: queue.vmFriendlyName || vms.get(queue)!,
          QueueName: `QueueID ${queue.queueId}`,
        },
        saveAs: `q${queue.queueId}`,
        expect: { status: 'NDIS_STATUS_SUCCESS' },
      },
      {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        comment: `${vms.get(queue)}: ${queue.mac}${queue.vlan > 0 ? ` on VLAN ${queue.vlan}` : ', untagged'}`,
        buffer: { FilterType: 'NdisReceiveFilterTypeVMQueue', QueueId: ref(queue), FieldParameters: fields(queue) },
        saveAs: `f${queue.queueId}`,
        expect: { status: 'NDIS_STATUS_SUCCESS' },
      },
    ]),
    {
      oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
      buffer: { Elements: queues.map((queue) => ({ QueueId: ref(queue) })) },
      expect: { output: { Elements: queues.map(() => ({ CompletionStatus: 'NDIS_STATUS_SUCCESS' })) } },
    },
    ...queues.map((queue) => ({ expect: { queue: { QueueId: ref(queue), state: 'Running', filters: 1 } } })),
  ];
}

/** The destination MAC, and the VLAN ID when the host's queue has one; otherwise untagged (and VLAN 0) frames only. */
function fields(queue: HostQueue): object[] {
  const mac = {
    FrameHeader: 'NdisFrameHeaderMac',
    ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
    MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
    FieldByteArrayValue: queue.mac,
  };
  if (queue.vlan === 0) return [{ ...mac, Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'] }];
  return [
    mac,
    {
      FrameHeader: 'NdisFrameHeaderMac',
      ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
      MacHeaderField: 'NdisMacHeaderFieldVlanId',
      FieldShortValue: queue.vlan,
    },
  ];
}
