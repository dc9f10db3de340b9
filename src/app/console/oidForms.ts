/**
 * The OID console's forms, read off the OID descriptors (engine/oids): for each OID, the fields of its information
 * buffer under their NDIS names, and a sensible request to start from (the scenario's VMs, the adapter's live queues
 * and filters).
 *
 * A form edits an OidRequest's JSON buffer in place, field by field (`path`), so the form and the raw JSON mode are
 * two views of one draft and anything the raw mode writes is still sent verbatim.
 */
import {
  NDIS_REQUEST_TYPE,
  naturalRequestType,
  OID_INFO,
  OID_NAMES,
  MAC_FIELD,
  UNTAGGED_OR_ZERO,
  VLAN_FIELD,
  type OidName,
  type RequestKind,
  type FieldPath,
  type FieldSpec,
  type FormContext,
  type MacFilterTests,
  type OidRequest,
} from '../../engine/index.ts';

export { writeFilterTests, type FieldPath, type FieldSpec, type MacFilterTests } from '../../engine/index.ts';

/** What the console knows when it builds a default request. */
export type ConsoleContext = FormContext;

export interface OidForm {
  /** The structure the buffer holds (§4). */
  struct: string;
  /** The reference section that describes the OID (§3.x). */
  section: string;
  /** What the request does, in one line. */
  purpose: string;
  fields: readonly FieldSpec[];
}

/** One form per OID descriptor, in the OID table's order. */
export const OID_FORMS: Readonly<Record<OidName, OidForm>> = Object.fromEntries(
  OID_NAMES.map((oid) => {
    const { struct, section, purpose, form } = OID_INFO[oid];
    return [oid, { struct, section, purpose, fields: form.fields }];
  }),
) as Record<OidName, OidForm>;

/** The fields a request of `kind` shows. */
export const fieldsFor = (oid: OidName, kind: RequestKind): readonly FieldSpec[] =>
  OID_FORMS[oid].fields.filter((field) => field.only === undefined || field.only === kind);

export function getPath(buffer: Record<string, unknown> | undefined, path: FieldPath): unknown {
  let value: unknown = buffer;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A copy of `buffer` with `path` set to `value` (removed when `value` is undefined; emptied parents go too). */
export function setPath(buffer: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return buffer;
  const copy = { ...buffer };
  const inner =
    rest.length === 0 ? value : setPath((copy[key] as Record<string, unknown> | undefined) ?? {}, rest, value);
  if (inner === undefined || (rest.length > 0 && Object.keys(inner as object).length === 0)) delete copy[key];
  else copy[key] = inner;
  return copy;
}

/** A typed number, a "0x…" number, nothing (the member is left out), or the text as typed, which the form will not
 * send (formProblem): a negative or fractional value is for raw JSON, where NDIS answers it. */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return parseInt(trimmed.slice(2), 16);
  return text;
}

/**
 * SET_FILTER's field tests as the editor shows them (the inverse of writeFilterTests), or null when they hold
 * something it cannot show (raw JSON can).
 */
export function readFilterTests(fieldParameters: unknown): MacFilterTests | null {
  if (!Array.isArray(fieldParameters)) return null;
  const tests = fieldParameters as Record<string, unknown>[];
  const mac = tests.filter((t) => t?.['MacHeaderField'] === MAC_FIELD);
  const vlan = tests.filter((t) => t?.['MacHeaderField'] === VLAN_FIELD);
  const [macTest] = mac;
  if (!macTest || mac.length !== 1 || vlan.length > 1 || tests.length !== 1 + vlan.length) return null;
  if (typeof macTest['FieldByteArrayValue'] !== 'string') return null;
  const flags = macTest['Flags'];
  if (flags !== undefined && !(Array.isArray(flags) && flags.every((f) => f === UNTAGGED_OR_ZERO))) return null;
  const vlanValue = vlan[0]?.['FieldShortValue'];
  if (vlan.length === 1 && typeof vlanValue !== 'number') return null;
  return {
    mac: macTest['FieldByteArrayValue'],
    vlanId: typeof vlanValue === 'number' ? vlanValue : null,
    untaggedOrZero: Array.isArray(flags) && flags.length > 0,
  };
}

/** A request to start from: the OID's natural request type, the vSwitch's binding, and a filled-in buffer. */
export function defaultRequest(oid: OidName, context: ConsoleContext): OidRequest {
  return {
    oid,
    requestType: naturalRequestType(oid),
    binding: 'vmswitch',
    buffer: OID_INFO[oid].form.defaults(context),
  };
}

const REQUEST_KEYS = new Set(['oid', 'requestType', 'binding', 'buffer', 'bufferLength']);

/** The raw JSON mode's text as an OidRequest, or what is wrong with it (the engine judges the buffer itself). */
export function parseRawRequest(text: string): { request: OidRequest } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'expected an object such as { "oid": "OID_RECEIVE_FILTER_ENUM_QUEUES" }' };
  const request = value as Record<string, unknown>;
  const unknown = Object.keys(request).find((key) => !REQUEST_KEYS.has(key));
  if (unknown !== undefined)
    return { error: `unknown key "${unknown}"; a request has oid, requestType, binding, buffer and bufferLength` };
  if (!(OID_NAMES as readonly unknown[]).includes(request['oid']))
    return { error: `oid must be one of the ${OID_NAMES.length} OID_RECEIVE_FILTER_* names` };
  if (request['requestType'] !== undefined && !Object.hasOwn(NDIS_REQUEST_TYPE, request['requestType'] as string)) {
    return { error: `requestType must be one of ${Object.keys(NDIS_REQUEST_TYPE).join(', ')}` };
  }
  if (request['binding'] !== undefined && typeof request['binding'] !== 'string')
    return { error: 'binding must be a string' };
  const buffer = request['buffer'];
  if (buffer !== undefined && (buffer === null || typeof buffer !== 'object' || Array.isArray(buffer)))
    return { error: 'buffer must be an object of NDIS members' };
  const length = request['bufferLength'];
  if (length !== undefined && !(Number.isInteger(length) && (length as number) >= 0))
    return { error: 'bufferLength must be a whole number of bytes' };
  return { request: request as unknown as OidRequest };
}

/** What a whole-number member of a form must hold. */
export const WHOLE_NUMBER = 'a whole number, 0 or more (or 0x… hex)';

/**
 * Why the form's buffer cannot be sent, or null: a number member holding text that is no whole number. The form
 * sends only what its members can hold; raw JSON sends anything, for trying what NDIS refuses.
 */
export function formProblem(specs: readonly FieldSpec[], buffer: Record<string, unknown>): string | null {
  for (const spec of specs) {
    if (spec.kind !== 'number' && spec.kind !== 'queueId' && spec.kind !== 'filterId') continue;
    if (typeof getPath(buffer, spec.path) === 'string') return `${spec.path.join('.')} must be ${WHOLE_NUMBER}`;
  }
  return null;
}
