import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import type { TraceSource } from '../trace/traceSource.ts';
import { violationsDigest, type Violation } from './violations.ts';

/** The violations by a full scan of the kept trace: what the digest must always agree with. */
function violations(trace: TraceSource): Violation[] {
  const found: Violation[] = [];
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (event.kind === 'rule-violated') found.push(event);
  }
  return found;
}

const body: fc.Arbitrary<EventBody> = fc.oneof(
  fc.constantFrom('R1', 'R22').map((rule) => ({
    kind: 'rule-violated' as const,
    rule,
    severity: 'error' as const,
    message: `${rule} broken`,
  })),
  { weight: 3, arbitrary: fc.constant({ kind: 'note' as const, text: 'between' }) },
);

test('the violations folded batch by batch, through rewinds, clears and eviction, equal a full scan', () => {
  fc.assert(
    fc.property(traceOps(body), (ops) =>
      expectFoldMatchesScan({
        ops,
        create: violationsDigest,
        read: (d) => d.value(),
        scan: violations,
        expectEqual: (a, b) => expect(a).toEqual(b),
      }),
    ),
  );
});
