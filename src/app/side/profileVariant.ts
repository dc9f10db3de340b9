/**
 * The same scenario for another Windows version, as compare mode runs it: the adapter's profile switched, and on
 * 2012 the lookahead-split request taken out of every ALLOCATE_QUEUE, because the 2012 switch never sends it
 * (§7.4: a 6.20 miniport on 2012 sees LookaheadSize 0 and no LOOKAHEAD_SPLIT_REQUIRED).
 *
 * Works on the scenario document before parsing (the parser then checks the result like any file). A side whose
 * profile differs from the file's does not check the file's expectations: they were written for the other version,
 * and the differences they would flag are exactly what compare mode shows. Each becomes a note, so both sides keep
 * the same steps and step in lockstep.
 */
import {
  NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
  profileCapabilities,
  type ProfileName,
} from '../../engine/index.ts';
import { parseJson } from '../../scenario/json-syntax.ts';

const SPLIT_FLAG = 'NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED';

export interface ProfileVariant {
  /** The document to load (unchanged when it is not a readable scenario: the parser will say what is wrong). */
  scenario: unknown;
  /** What was changed, in words, for the compare caption. */
  changes: string[];
  /** Whether any ALLOCATE_QUEUE in the original asks for the lookahead split. */
  requestsSplit: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function scenarioForProfile(input: unknown, profile: ProfileName): ProfileVariant {
  let document: unknown = input;
  if (typeof input === 'string') {
    // The loader's own JSON reader: duplicate keys and deep nesting must reach the parser as text, to be refused there.
    const json = parseJson(input);
    if ('error' in json) return { scenario: input, changes: [], requestsSplit: false };
    document = json.value;
  }
  if (!isObject(document) || !isObject(document['adapter']) || !Array.isArray(document['steps'])) {
    return { scenario: input, changes: [], requestsSplit: false };
  }
  const copy = structuredClone(document) as Json & { adapter: Json; steps: unknown[] };
  const original = copy.adapter['profile'];
  const changes: string[] = [];
  const requestsSplit = copy.steps.some((step) => isAllocateQueue(step) && asksForSplit(step['buffer']));

  if (original !== profile) {
    copy.adapter['profile'] = profile;
    changes.push(`adapter profile ${String(original)} → ${profile}`);
  }
  if (!profileCapabilities(profile).lookaheadSplitSupported) {
    let stripped = 0;
    for (const step of copy.steps) {
      if (isAllocateQueue(step) && isObject(step['buffer']) && stripSplit(step['buffer'])) stripped++;
    }
    if (stripped > 0) {
      changes.push(
        `the lookahead-split request (LOOKAHEAD_SPLIT_REQUIRED, LookaheadSize) removed from ${stripped} ALLOCATE_QUEUE request${stripped === 1 ? '' : 's'}: the 2012 switch never sends it`,
      );
    }
  }
  if (original !== profile) {
    let skipped = 0;
    copy.steps = copy.steps.map((step) => {
      if (!isObject(step) || !('expect' in step)) return step;
      skipped++;
      if ('oid' in step) {
        const { expect: _, ...rest } = step;
        return rest;
      }
      return { note: `(Compare mode: an expectation written for ${String(original)} is not checked on ${profile}.)` };
    });
    if (skipped > 0)
      changes.push(`${skipped} expectation${skipped === 1 ? '' : 's'} written for ${String(original)} not checked`);
  }
  return { scenario: copy, changes, requestsSplit };
}

function isAllocateQueue(step: unknown): step is Json {
  return isObject(step) && step['oid'] === 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE';
}

/** Flags as scenarios write them: a number, "0x…", a flag name, "A|B", or an array of those. */
function flagValues(flags: unknown): unknown[] {
  if (Array.isArray(flags)) return flags;
  if (typeof flags === 'string') return flags.split('|').map((f) => f.trim());
  return flags === undefined ? [] : [flags];
}

const isSplitFlag = (value: unknown): boolean =>
  value === SPLIT_FLAG ||
  (typeof value === 'number' && (value & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0) ||
  (typeof value === 'string' &&
    /^0x[0-9a-f]+$/i.test(value) &&
    (Number(value) & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0);

function asksForSplit(buffer: unknown): boolean {
  return isObject(buffer) && flagValues(buffer['Flags']).some(isSplitFlag);
}

/** Removes the split flag (keeping every other flag) and zeroes LookaheadSize; returns whether it asked for a split. */
function stripSplit(buffer: Json): boolean {
  const flags = flagValues(buffer['Flags']);
  if (!flags.some(isSplitFlag)) {
    if (typeof buffer['LookaheadSize'] === 'number' && buffer['LookaheadSize'] !== 0) buffer['LookaheadSize'] = 0;
    return false;
  }
  buffer['Flags'] = flags.flatMap((flag) => {
    if (!isSplitFlag(flag)) return [flag];
    if (typeof flag === 'number') return [flag & ~NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED];
    if (typeof flag === 'string' && flag.startsWith('0'))
      return [`0x${(Number(flag) & ~NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED).toString(16)}`];
    return [];
  });
  buffer['LookaheadSize'] = 0;
  return true;
}
