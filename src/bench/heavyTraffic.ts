/**
 * The heavy-traffic scenario that the browser bench (P3, P6) and the diagram's e2e spec load through "Open file…",
 * as a user would: three VMs with a VM queue each plus unknown MACs for the default queue, one flow per queue.
 *
 * At the fastest speed (100×) the page plays 500 µs of virtual time per wall second (worker/engineHost.ts), so
 * `wallFramesPerSecond` frames a second on screen is `wallFramesPerSecond × 2,000` frames per virtual second.
 */
const VIRTUAL_NS_PER_WALL_SECOND_AT_100X = 500_000;
const VMS = ['VM1', 'VM2', 'VM3'] as const;
const UNKNOWN_MAC = '00-15-5D-00-0F-01';

const macOf = (i: number): string => `00-15-5D-00-00-0${i + 1}`;

/** @param wallFramesPerSecond offered traffic on screen at 100×, spread evenly over the four flows */
export function heavyTrafficScenario(wallFramesPerSecond: number, wallSeconds = 120): object {
  const flows = VMS.length + 1;
  const intervalNs = Math.max(1, Math.round((VIRTUAL_NS_PER_WALL_SECOND_AT_100X * flows) / wallFramesPerSecond));
  const durationNs = VIRTUAL_NS_PER_WALL_SECOND_AT_100X * wallSeconds;
  const count = Math.ceil(durationNs / intervalNs);
  const flow = (name: string, dst: string) => ({
    traffic: { name, dst, frameBytes: 64, count, interval: `${intervalNs}ns` },
  });
  return {
    format: 'vmq-scenario',
    version: 1,
    title: `Heavy traffic: ${wallFramesPerSecond} frames/s at 100×`,
    // The vmswitch returns NBLs quickly, so even the heaviest traffic here fits the rings: no frame is dropped.
    adapter: { profile: 'ws2012', options: { returnLatencyNs: '5us' } },
    vms: VMS.map((name, i) => ({ name, mac: macOf(i) })),
    steps: [
      ...VMS.flatMap((name, i) => [
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: {
            QueueType: 'NdisReceiveQueueTypeVMQueue',
            ProcessorAffinity: { Mask: 2 ** (i + 1), Group: 0 },
            NumSuggestedReceiveBuffers: 64,
            VmName: name,
            QueueName: `${name} queue`,
          },
          saveAs: `q${i + 1}`,
        },
        {
          oid: 'OID_RECEIVE_FILTER_SET_FILTER',
          buffer: {
            FilterType: 'NdisReceiveFilterTypeVMQueue',
            QueueId: `$q${i + 1}.QueueId`,
            FieldParameters: [
              {
                FrameHeader: 'NdisFrameHeaderMac',
                ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
                MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
                FieldByteArrayValue: macOf(i),
                Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'],
              },
            ],
          },
        },
      ]),
      {
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: VMS.map((_, i) => ({ QueueId: `$q${i + 1}.QueueId` })) },
      },
      ...VMS.map((name) => flow(`to ${name}`, `$vm:${name}`)),
      flow('unknown MAC', UNKNOWN_MAC),
      { advance: `${durationNs}ns` },
    ],
  };
}
