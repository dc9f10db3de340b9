/**
 * The empty adapter: a scenario with an adapter and its VMs but no steps, so everything that happens on it is what
 * the user sends from the OID console and the traffic generator. The picker builds one from a form and the page's
 * address carries one as `?empty=<profile>&cpus=N&vms=N`; both build it here, so a copied link opens the same
 * adapter. Everything is checked and answered in words, never thrown.
 *
 * It stays apart from the scenario parser (the first view loads no zod, bench P4); the tests run what it builds
 * through the real parser.
 */
import type { ProfileName } from '../../engine/index.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from '../../scenario/version.ts';
import { plural } from '../ui/format.ts';

/** The source the page loads an empty adapter under: what the picker shows, and how the address recognises one. */
export const EMPTY_ADAPTER_SOURCE = 'Empty adapter';

/** How the picker and the title name each profile. */
export const PROFILE_NAMES: Record<ProfileName, string> = {
  ws2012: 'Windows Server 2012 (NDIS 6.30)',
  ws2008r2: 'Windows Server 2008 R2 (NDIS 6.20)',
  'legacy-ndis61': 'Legacy miniport (NDIS 6.1, no VMQ)',
};
const PROFILES = Object.keys(PROFILE_NAMES) as ProfileName[];

/** The scenario format's bounds on `adapter.cpus`. */
export const CPU_RANGE = { min: 1, max: 64 } as const;
/** Up to one VM for each VM queue the profiles offer (NumQueues 8), so every VM can have a queue of its own. */
export const VM_RANGE = { min: 0, max: 8 } as const;

export interface EmptyAdapter {
  profile: ProfileName;
  cpus: number;
  vms: number;
}

/** The adapter the form offers first: the default story's Windows version, the profiles' 4 CPUs, and two VMs. */
export const DEFAULT_EMPTY_ADAPTER: EmptyAdapter = { profile: 'ws2012', cpus: 4, vms: 2 };

/** What a form or an address asks for, before it is checked. */
export interface EmptyAdapterRequest {
  profile: string;
  cpus: number;
  vms: number;
}

export type EmptyAdapterField = keyof EmptyAdapterRequest;

export interface EmptyAdapterScenario {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  title: string;
  description: string;
  seed: number;
  adapter: { profile: ProfileName; cpus: number };
  vms: { name: string; mac: string }[];
  steps: [];
}

export type EmptyAdapterCheck =
  | { adapter: EmptyAdapter }
  /** What is wrong with each field; no entry for a field that is right. */
  | { problems: Partial<Record<EmptyAdapterField, string>> };

const within = (n: number, { min, max }: { min: number; max: number }) => Number.isInteger(n) && n >= min && n <= max;

/** The adapter `request` asks for, or what is wrong with it. */
export function checkEmptyAdapter({ profile, cpus, vms }: EmptyAdapterRequest): EmptyAdapterCheck {
  const known = Object.hasOwn(PROFILE_NAMES, profile) ? (profile as ProfileName) : null;
  const problems: Partial<Record<EmptyAdapterField, string>> = {};
  if (known === null) problems.profile = `the profile is ${PROFILES.slice(0, -1).join(', ')} or ${PROFILES.at(-1)}`;
  if (!within(cpus, CPU_RANGE))
    problems.cpus = `an adapter has a whole number of CPUs, from ${CPU_RANGE.min} to ${CPU_RANGE.max}`;
  if (!within(vms, VM_RANGE))
    problems.vms = `an empty adapter has a whole number of VMs, from ${VM_RANGE.min} to ${VM_RANGE.max}`;
  return known !== null && Object.keys(problems).length === 0
    ? { adapter: { profile: known, cpus, vms } }
    : { problems };
}

/** A count as typed in a field or an address: digits only, else NaN (Number() would take "", " 2 ", "1e1", "0x10"). */
export const wholeNumber = (text: string): number => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

/** VM n's MAC: Hyper-V's OUI 00-15-5D, as in the built-in scenarios, and n in the last octet. */
const vmMac = (n: number) => `00-15-5D-00-00-${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** The scenario of an adapter checkEmptyAdapter accepted. */
export function buildEmptyAdapter({ profile, cpus, vms }: EmptyAdapter): EmptyAdapterScenario {
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    title: `Empty adapter · ${PROFILE_NAMES[profile]} · ${plural(cpus, 'CPU')} · ${plural(vms, 'VM')}`,
    description:
      'No scenario steps: send OID requests from the OID console and frames from the traffic generator, and watch the adapter answer.',
    seed: 1,
    adapter: { profile, cpus },
    vms: Array.from({ length: vms }, (_, i) => ({ name: `VM${i + 1}`, mac: vmMac(i + 1) })),
    steps: [],
  };
}

/** The scenario for `request`, or every problem with it in one sentence. */
export function emptyAdapterScenario(
  request: EmptyAdapterRequest,
): { scenario: EmptyAdapterScenario } | { error: string } {
  const checked = checkEmptyAdapter(request);
  return 'problems' in checked
    ? { error: Object.values(checked.problems).join('; ') }
    : { scenario: buildEmptyAdapter(checked.adapter) };
}

/**
 * The empty adapter `document` is (a document or its JSON text, as a saved session keeps it), or null when it is
 * anything else: only what buildEmptyAdapter builds, exactly, gets a link.
 */
export function emptyAdapterOf(document: unknown): EmptyAdapter | null {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { adapter, vms } = value as { adapter?: { profile?: unknown; cpus?: unknown }; vms?: unknown };
  if (typeof adapter?.profile !== 'string' || typeof adapter.cpus !== 'number' || !Array.isArray(vms)) return null;
  const checked = checkEmptyAdapter({ profile: adapter.profile, cpus: adapter.cpus, vms: vms.length });
  if ('problems' in checked || JSON.stringify(buildEmptyAdapter(checked.adapter)) !== JSON.stringify(value))
    return null;
  return checked.adapter;
}
