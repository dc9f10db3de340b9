/**
 * What a FlowSpec must hold before the engine builds frames from it. The scenario format and the traffic panel
 * check their own input; this is the engine's last line, so that any caller's bad flow is refused with a plain
 * Error that says why, never a RangeError from deep inside frame building or a flow that never ends.
 */
import type { FlowSpec } from './api.ts';
import { MAX_TAGGED_FRAME_BYTES, MIN_FRAME_BYTES } from './frame.ts';

const isIntegerIn = (value: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Every rule a flow breaks, as "field must …" phrases; empty when the flow is fine. */
export function flowSpecProblems(flow: FlowSpec): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  need(typeof flow.name === 'string', 'name must be a string');
  need(typeof flow.dst === 'string', 'dst must be a MAC address string');
  need(flow.src === undefined || typeof flow.src === 'string', 'src must be a MAC address string');
  need(
    isIntegerIn(flow.frameBytes, MIN_FRAME_BYTES, MAX_TAGGED_FRAME_BYTES),
    `frameBytes must be an integer from ${MIN_FRAME_BYTES} to ${MAX_TAGGED_FRAME_BYTES}`,
  );
  need(isIntegerIn(flow.count, 1, Number.MAX_SAFE_INTEGER), 'count must be a positive integer');
  need(isIntegerIn(flow.intervalNs, 0, Number.MAX_SAFE_INTEGER), 'intervalNs must be a whole number of ns, 0 or more');
  need(flow.vlanId == null || isIntegerIn(flow.vlanId, 0, 4095), 'vlanId must be null or an integer from 0 to 4095');
  need(flow.priority === undefined || isIntegerIn(flow.priority, 0, 7), 'priority must be an integer from 0 to 7');
  need(flow.etherType === undefined || isIntegerIn(flow.etherType, 0, 0xffff), 'etherType must be 0 to 0xFFFF');
  need(
    flow.pattern === undefined || flow.pattern === 'constant' || flow.pattern === 'poisson',
    'pattern must be "constant" or "poisson"',
  );
  return problems;
}
