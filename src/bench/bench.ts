/**
 * `npm run bench`: speed goals as ratios measured side by side in one process (never absolute
 * times: our machines are noisy). Rounds alternate between the two sides and each ratio uses the
 * median round, so a hiccup on either side cannot decide the result.
 *
 *   P1 engine/baseline throughput — frames/s through the engine's full receive path (parse,
 *      classify, buffer, DPC indication, NBL return; 64-byte frames; 16 queues with filters plus
 *      unknown MACs) over a bare loop that only parses destination MAC and VLAN and does one Map lookup.
 *   P2 1024-filter/1-filter cost — per-frame cost with 1,024 filters over the cost with 1 filter.
 *      Both sides use one VM queue, so only the filter table differs (traffic spread over every filter's MAC).
 *   P4 initial JS gzip KB — what the page downloads before its first view (initialJs.ts), read from the production
 *      build in dist/ (`npm run build` first).
 */
import { readDstMac, readVlanId } from '../engine/index.ts';
import { initialJs, p4Line } from './initialJs.ts';
import { buildWorkload, QUEUES, type Workload } from './workload.ts';

/**
 * Frames per burst: the engine receives a burst, then its DPCs and returns run. 1,024 frames over
 * 16 queues is about one interrupt-moderation window at 10GbE line rate with 64-byte frames, and
 * matches a DPC budget of 64 NBLs per queue.
 */
const BURST = 1024;
const FRAMES_PER_ROUND = 400_000;
const ROUNDS = 9;

function runEngine(w: Workload, frames: number): number {
  const { engine, frames: pool } = w;
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < frames; ) {
    for (let i = 0; i < BURST; i++, sent++) engine.injectFrame(pool[sent & (pool.length - 1)]!);
    engine.advanceBy(2_000);
  }
  return Number(process.hrtime.bigint() - start);
}

function runBaseline(pool: Uint8Array[], table: Map<number, number>, frames: number): number {
  let hits = 0;
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < frames; sent++) {
    const bytes = pool[sent & (pool.length - 1)]!;
    const mac = readDstMac(bytes);
    const vlan = readVlanId(bytes);
    if (table.get(mac) !== undefined || vlan > 0) hits++;
  }
  const ns = Number(process.hrtime.bigint() - start);
  if (hits < 0) console.log(hits); // keeps the loop observable so it cannot be optimised away
  return ns;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(sides: [() => number, () => number]): [number, number] {
  const a: number[] = [];
  const b: number[] = [];
  sides[0]();
  sides[1]();
  for (let r = 0; r < ROUNDS; r++) {
    a.push(sides[0]());
    b.push(sides[1]());
  }
  return [median(a), median(b)];
}

const mixed = buildWorkload(QUEUES, QUEUES, 0.2);
const baselineTable = new Map<number, number>();
for (const f of mixed.frames) baselineTable.set(readDstMac(f), 1);
const [engineNs, baselineNs] = measure([
  () => runEngine(mixed, FRAMES_PER_ROUND),
  () => runBaseline(mixed.frames, baselineTable, FRAMES_PER_ROUND),
]);
const p1 = baselineNs / engineNs;
console.log(`P1 engine/baseline throughput: ${p1.toFixed(2)} (goal >= 0.5)`);

const many = buildWorkload(1024, 1, 0);
const one = buildWorkload(1, 1, 0);
const [manyNs, oneNs] = measure([() => runEngine(many, FRAMES_PER_ROUND), () => runEngine(one, FRAMES_PER_ROUND)]);
console.log(`P2 1024-filter/1-filter cost: ${(manyNs / oneNs).toFixed(2)} (goal <= 1.25)`);
console.log(
  `(median of ${ROUNDS} alternating rounds of ${FRAMES_PER_ROUND.toLocaleString('en')} frames; engine ${(engineNs / FRAMES_PER_ROUND).toFixed(1)} ns/frame, baseline ${(baselineNs / FRAMES_PER_ROUND).toFixed(1)} ns/frame on this run)`,
);
console.log(p4Line(initialJs('dist')));
