import { describe, expect, it } from 'vitest';
import { frameComment } from './tracePcapng.ts';

const frame = { t: 0, bytes: new Uint8Array(0), length: 60 };

describe('frameComment', () => {
  it('names what the events gave, a dash for what they did not, then the disposition', () => {
    expect(frameComment({ ...frame, queueId: 1, filterId: 3, vmName: 'VM1', cpu: 2 })).toBe(
      'QueueId 1, FilterId 3, VM VM1, CPU 2: indicated',
    );
    expect(frameComment({ ...frame, queueId: 0, filterId: 0, vmName: '', dropped: 'no-free-buffer' })).toBe(
      'QueueId 0, FilterId 0, VM -, CPU -: dropped: no-free-buffer',
    );
    expect(frameComment({ ...frame, queueId: null, dropped: 'packet-filter' })).toBe(
      'QueueId -, FilterId -, VM -, CPU -: dropped: packet-filter',
    );
    expect(frameComment({ ...frame, queueId: 2, filterId: 5, vmName: 'VM2' })).toBe(
      'QueueId 2, FilterId 5, VM VM2, CPU -: not indicated by the end of the run',
    );
  });
});
