/**
 * References inside scenario values, resolved when the step runs:
 *   "$vm1q.QueueId"        a field of the output of the earlier OID step saved as "vm1q"
 *   "$enum.Elements.0.QueueId" (array elements by index)
 *   "$vm:VM1.mac" / "$vm:VM1.vlan"  a VM's MAC or VLAN ("$vm:VM1" alone is its MAC)
 * Every string that starts with "$" must be a valid reference, so that "$$…" stays free for an escape later.
 */
import type { NdisStatusName, OidName, VmConfig } from '../engine/index.ts';
import { excerpt, quoted } from './quote.ts';
import { suggest } from './suggest.ts';

export type Ref =
  | { kind: 'saved'; name: string; fields: string[] }
  | { kind: 'vm'; vm: string; field: 'mac' | 'vlan' | null };

/** Names given with saveAs, and VM names: letters, digits, "_" and "-". */
export const NAME_PATTERN = /^[A-Za-z_][\w-]*$/;

const SAVED_REF = /^\$([A-Za-z_][\w-]*)((?:\.\w+)+)$/;
const VM_REF = /^\$vm:([A-Za-z_][\w-]*)(?:\.(\w+))?$/;

/** null when `text` is not a reference at all; otherwise the reference or what is wrong with its spelling. */
export function parseRef(text: string): { ref: Ref } | { error: string } | null {
  if (!text.startsWith('$')) return null;
  const vm = VM_REF.exec(text);
  if (vm) {
    const [, name = '', field] = vm;
    if (field === undefined) return { ref: { kind: 'vm', vm: name, field: null } };
    if (field === 'mac' || field === 'vlan') return { ref: { kind: 'vm', vm: name, field } };
    return { error: `${quoted(text)}: a VM reference ends in .mac or .vlan` };
  }
  const saved = SAVED_REF.exec(text);
  if (saved) {
    const [, name = '', path = ''] = saved;
    if (name !== 'vm') return { ref: { kind: 'saved', name, fields: path.slice(1).split('.') } };
  }
  return {
    error: `${quoted(text)} is not a reference; write "$name.Field" for a saved OID output or "$vm:NAME.mac" for a VM`,
  };
}

/** What a saved OID step left behind, as the session tracks it. */
export interface SavedRequest {
  stepIndex: number;
  oid: OidName;
  /** Final status, or undefined while the request is pended. */
  status?: NdisStatusName;
  output?: Record<string, unknown>;
  /** Why the step could not issue its request (e.g. a reference of its own failed). */
  error?: string;
}

export interface RefScope {
  saved(name: string): SavedRequest | undefined;
  vm(name: string): VmConfig | undefined;
}

/** A reference that cannot be resolved while the scenario runs. */
export class ScenarioRuntimeError extends Error {
  override name = 'ScenarioRuntimeError';
}

/** `value` with every reference in it replaced (deeply); other values are returned as they are. */
export function resolveValue(value: unknown, scope: RefScope): unknown {
  if (typeof value === 'string') return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, scope)]));
  return value;
}

function resolveString(text: string, scope: RefScope): unknown {
  const parsed = parseRef(text);
  if (parsed === null) return text;
  if ('error' in parsed) throw new ScenarioRuntimeError(parsed.error);
  return resolveRef(parsed.ref, text, scope);
}

export function resolveRef(ref: Ref, text: string, scope: RefScope): unknown {
  const at = excerpt(text);
  if (ref.kind === 'vm') {
    const vm = scope.vm(ref.vm);
    if (!vm) throw new ScenarioRuntimeError(`${at}: no VM named ${quoted(ref.vm)}`);
    if (ref.field === 'vlan') {
      if (vm.vlan === undefined) throw new ScenarioRuntimeError(`${at}: VM ${quoted(vm.name)} has no VLAN`);
      return vm.vlan;
    }
    return vm.mac;
  }
  const saved = scope.saved(ref.name);
  if (!saved) throw new ScenarioRuntimeError(`${at}: no earlier OID step has saveAs ${quoted(ref.name)}`);
  const origin = `step ${saved.stepIndex} (${saved.oid})`;
  if (saved.error !== undefined) throw new ScenarioRuntimeError(`${at}: ${origin} did not run: ${saved.error}`);
  if (saved.status === undefined) throw new ScenarioRuntimeError(`${at}: ${origin} is still pending`);
  if (saved.output === undefined)
    throw new ScenarioRuntimeError(`${at}: ${origin} completed with ${saved.status} and has no output`);
  let current: unknown = saved.output;
  for (const [depth, field] of ref.fields.entries()) {
    const container = current;
    current = ownField(container, field);
    if (current === undefined) {
      const where = excerpt(['output', ...ref.fields.slice(0, depth)].join('.'));
      const close = isRecord(container) ? suggest(field, Object.keys(container)) : undefined;
      throw new ScenarioRuntimeError(
        `${at}: ${origin} ${where} has no field ${quoted(field)}${close === undefined ? '' : ` — did you mean ${close}?`}`,
      );
    }
  }
  return current;
}

/**
 * A field the OID output itself has, or undefined. Only own fields and in-range indices count: "$q.toString"
 * or "$q.constructor" would otherwise reach Object.prototype and put a function into a buffer.
 */
function ownField(container: unknown, field: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(field) ? container[Number(field)] : undefined;
  return isRecord(container) && Object.hasOwn(container, field) ? container[field] : undefined;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Every string inside a JSON value, with its path. */
export function* stringsIn(value: unknown, path: PropertyKey[] = []): Generator<{ path: PropertyKey[]; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, i]);
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...path, key]);
}
