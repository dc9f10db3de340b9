/**
 * Microsoft's own pages for the sections of the reference, so the viewer can offer the original next to the
 * condensed text. Only pages the reference's §15 ("Sources read") lists are here: each path is a file of
 * MicrosoftDocs/windows-driver-docs (network/…) or windows-driver-docs-ddi (ddi/<header>/…), which Microsoft Learn
 * publishes under the same path (learnPages.test.ts checks every one against §15). Sections without a page of
 * their own (constants, size tables, the rules, the inconsistencies) have none.
 */
import { ruleById } from '../ndis/conformanceRules.ts';
import { isRule, type RefTarget } from './citations.ts';

export interface LearnPage {
  /** What the page documents: an NDIS name, or the topic of a conceptual page. */
  name: string;
  /** The page's path under learn.microsoft.com/windows-hardware/drivers/. */
  path: string;
}

const page = (name: string, path: string): LearnPage => ({ name, path });
const oid = (name: string): LearnPage => page(name, `network/${name.toLowerCase().replaceAll('_', '-')}`);
const status = oid;
/** A structure or enumeration page of the DDI reference: ntddndis/ns-ntddndis-_ndis_receive_queue_parameters. */
const ddi = (name: string, header: string, prefix: 'ns' | 'ne' | 'nf' = 'ns'): LearnPage =>
  page(name, `ddi/${header}/${prefix}-${header}-${prefix === 'nf' ? '' : '_'}${name.toLowerCase()}`);

export const LEARN_PAGES: Readonly<Record<string, readonly LearnPage[]>> = {
  '1.1': [page('Introduction to NDIS VMQ', 'network/introduction-to-ndis-virtual-machine-queue--vmq-')],
  '1.2': [page('VMQ Receive Queues', 'network/vmq-receive-queues')],
  '1.6': [page('VMQ Components', 'network/vmq-components')],
  '3': [page('MiniportOidRequest', 'ddi/ndis/nc-ndis-miniport_oid_request')],
  '3.1': [oid('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES'), status('NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES')],
  '3.2': [oid('OID_RECEIVE_FILTER_CURRENT_CAPABILITIES'), status('NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES')],
  '3.3': [oid('OID_RECEIVE_FILTER_GLOBAL_PARAMETERS')],
  '3.4': [oid('OID_RECEIVE_FILTER_ALLOCATE_QUEUE')],
  '3.5': [oid('OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE')],
  '3.6': [oid('OID_RECEIVE_FILTER_QUEUE_PARAMETERS'), status('NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS')],
  '3.7': [oid('OID_RECEIVE_FILTER_SET_FILTER')],
  '3.8': [oid('OID_RECEIVE_FILTER_CLEAR_FILTER')],
  '3.9': [oid('OID_RECEIVE_FILTER_FREE_QUEUE')],
  '3.10': [oid('OID_RECEIVE_FILTER_ENUM_QUEUES')],
  '3.11': [oid('OID_RECEIVE_FILTER_ENUM_FILTERS')],
  '3.12': [oid('OID_RECEIVE_FILTER_PARAMETERS')],
  '3.13': [oid('OID_RECEIVE_FILTER_MOVE_FILTER')],
  '4.1': [ddi('NDIS_RECEIVE_QUEUE_PARAMETERS', 'ntddndis')],
  '4.2': [ddi('NDIS_RECEIVE_QUEUE_FREE_PARAMETERS', 'ntddndis')],
  '4.3': [
    ddi('NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY', 'ntddndis'),
    ddi('NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS', 'ntddndis'),
  ],
  '4.4': [ddi('NDIS_RECEIVE_FILTER_PARAMETERS', 'ntddndis')],
  '4.5': [ddi('NDIS_RECEIVE_FILTER_FIELD_PARAMETERS', 'ntddndis')],
  '4.6': [ddi('NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS', 'ntddndis')],
  '4.7': [ddi('NDIS_RECEIVE_FILTER_CAPABILITIES', 'ntddndis')],
  '4.8': [ddi('NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS', 'ntddndis')],
  '4.9': [ddi('NDIS_RECEIVE_QUEUE_INFO', 'ntddndis')],
  '4.10': [ddi('NDIS_RECEIVE_QUEUE_INFO_ARRAY', 'ntddndis')],
  '4.11': [ddi('NDIS_RECEIVE_FILTER_INFO', 'ntddndis'), ddi('NDIS_RECEIVE_FILTER_INFO_ARRAY', 'ntddndis')],
  '4.12': [ddi('NDIS_RECEIVE_QUEUE_STATE', 'ndis')],
  '4.13': [ddi('NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS', 'ntddndis')],
  '4.14': [ddi('NDIS_SHARED_MEMORY_PARAMETERS', 'ndis')],
  '4.15': [page('NET_BUFFER_SHARED_MEMORY', 'ddi/nbl/ns-nbl-net_buffer_shared_memory')],
  '4.16': [ddi('NDIS_NET_BUFFER_LIST_FILTERING_INFO', 'ndis')],
  '4.17': [ddi('NDIS_SHARED_MEMORY_PROVIDER_CHARACTERISTICS', 'ndis')],
  '4.18': [ddi('NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES', 'ndis')],
  '5.1': [ddi('NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE', 'ntddndis', 'ne')],
  '5.2': [page('NDIS Virtual Machine Queue States', 'network/ndis-virtual-machine-queue-states')],
  '5.3': [page('Queue States and Operations', 'network/queue-states-and-operations')],
  '5.4': [status('NDIS_STATUS_RECEIVE_QUEUE_STATE')],
  '6.2': [page('VMQ Receive Filters', 'network/vmq-receive-filters')],
  '6.3': [page('Setting a VMQ Filter', 'network/setting-a-vmq-filter')],
  '6.4': [page('Clearing a VMQ Filter', 'network/clearing-a-vmq-filter')],
  '7.1': [ddi('NdisAllocateSharedMemory', 'ndis', 'nf'), ddi('NdisFreeSharedMemory', 'ndis', 'nf')],
  '7.2': [page('Shared Memory Resource Allocation', 'network/shared-memory-resource-allocation')],
  '7.5': [
    page(
      'Security Issues with NDIS VM Shared Memory',
      'network/security-issues-with-ndis-virtual-machine--vm--shared-memory',
    ),
  ],
  '8.1': [
    page('VMQ Receive Path', 'network/vmq-receive-path'),
    ddi('NdisMIndicateReceiveNetBufferLists', 'ndis', 'nf'),
  ],
  '8.3': [page('VMQ Transmit Path', 'network/vmq-transmit-path')],
  '9': [page('VMQ Interrupt Requirements', 'network/vmq-interrupt-requirements')],
  '10.1': [page('Determining the VMQ Capabilities', 'network/determining-the-vmq-capabilities-of-a-network-adapter')],
  '10.2': [page('Standardized INF Keywords for VMQ', 'network/standardized-inf-keywords-for-vmq')],
};

export const learnUrl = ({ path }: LearnPage): string => `https://learn.microsoft.com/windows-hardware/drivers/${path}`;

/** Microsoft's pages for what a citation opens: a section's own, or, for a rule, those of the sections explaining it. */
export function learnPagesFor(target: RefTarget): readonly LearnPage[] {
  if (!isRule(target)) return LEARN_PAGES[target] ?? [];
  const sections = ruleById(target)?.sections ?? [];
  const pages = sections.flatMap((section) => LEARN_PAGES[section] ?? []);
  return pages.filter((p, i) => pages.findIndex((q) => q.path === p.path) === i);
}
