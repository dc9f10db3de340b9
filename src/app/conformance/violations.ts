/** The rule-violated events of the trace, kept as they arrive for the conformance panel. */
import type { TraceEvent } from '../../engine/index.ts';
import { EventSubset } from '../trace/eventSubset.ts';

export type Violation = Extract<TraceEvent, { kind: 'rule-violated' }>;

const isViolation = (event: TraceEvent): event is Violation => event.kind === 'rule-violated';

/** The side's digest of every rule-violated event the trace keeps, oldest first. */
export const violationsDigest = () => new EventSubset(isViolation, (found): readonly Violation[] => found);
