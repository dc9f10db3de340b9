import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultEngineConfig, type ProfileName } from '../../engine/index.ts';
import { scenarioJsonSchema } from '../../scenario/json-schema.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import {
  checkEmptyAdapter,
  CPU_RANGE,
  DEFAULT_EMPTY_ADAPTER,
  emptyAdapterOf,
  emptyAdapterScenario,
  PROFILE_NAMES,
  VM_RANGE,
  wholeNumber,
  type EmptyAdapterRequest,
} from './emptyAdapter.ts';

/** The profiles the scenario format accepts, read from its own JSON Schema. */
const schemaProfiles = () => {
  const { properties } = scenarioJsonSchema() as { properties: { adapter: { properties: { profile: { enum: [] } } } } };
  return properties.adapter.properties.profile.enum as ProfileName[];
};

const built = (request: EmptyAdapterRequest) => {
  const result = emptyAdapterScenario(request);
  if (!('scenario' in result)) throw new Error(`refused: ${result.error}`);
  return result.scenario;
};

describe('the empty adapter', () => {
  it('offers every profile the scenario format has, and the profiles’ own CPU count first', () => {
    expect(Object.keys(PROFILE_NAMES).sort()).toEqual(schemaProfiles().sort());
    for (const profile of schemaProfiles())
      expect(defaultEngineConfig(profile).adapter.cpus, profile).toBe(DEFAULT_EMPTY_ADAPTER.cpus);
  });

  it('is a scenario the parser takes, with no steps, for every profile at every bound', () => {
    for (const profile of schemaProfiles())
      for (const cpus of [CPU_RANGE.min, DEFAULT_EMPTY_ADAPTER.cpus, CPU_RANGE.max])
        for (const vms of [VM_RANGE.min, DEFAULT_EMPTY_ADAPTER.vms, VM_RANGE.max]) {
          const parsed = parseScenario(built({ profile, cpus, vms }));
          if (!parsed.ok) throw new Error(`${profile}/${cpus}/${vms}: ${JSON.stringify(parsed.errors)}`);
          expect(parsed.scenario.steps).toEqual([]);
          expect(parsed.scenario.adapter).toEqual({ profile, cpus });
          expect(parsed.scenario.vms.length).toBe(vms);
          // The same document through the file path: a saved session keeps it as JSON text.
          expect(parseScenario(JSON.stringify(built({ profile, cpus, vms }))).ok).toBe(true);
        }
  });

  it('names its VMs VM1… with Hyper-V MACs 00-15-5D-00-00-01…, untagged, and says what it is in its title', () => {
    const scenario = built(DEFAULT_EMPTY_ADAPTER);
    expect(scenario.title).toBe('Empty adapter · Windows Server 2012 (NDIS 6.30) · 4 CPUs · 2 VMs');
    expect(scenario.description).toMatch(/OID console.*traffic generator/);
    expect(scenario.vms).toEqual([
      { name: 'VM1', mac: '00-15-5D-00-00-01' },
      { name: 'VM2', mac: '00-15-5D-00-00-02' },
    ]);
    expect(built({ profile: 'ws2008r2', cpus: 1, vms: 1 }).title).toBe(
      'Empty adapter · Windows Server 2008 R2 (NDIS 6.20) · 1 CPU · 1 VM',
    );
    expect(built({ profile: 'legacy-ndis61', cpus: 64, vms: 8 }).vms.at(-1)).toEqual({
      name: 'VM8',
      mac: '00-15-5D-00-00-08',
    });
  });

  it('refuses what is out of range, field by field, in words', () => {
    expect(checkEmptyAdapter({ profile: 'ws2016', cpus: 0, vms: 9 })).toEqual({
      problems: {
        profile: 'the profile is ws2012, ws2008r2 or legacy-ndis61',
        cpus: 'an adapter has a whole number of CPUs, from 1 to 64',
        vms: 'an empty adapter has a whole number of VMs, from 0 to 8',
      },
    });
    expect(checkEmptyAdapter({ profile: 'ws2008r2', cpus: 64, vms: 0 })).toEqual({
      adapter: { profile: 'ws2008r2', cpus: 64, vms: 0 },
    });
    expect(emptyAdapterScenario({ profile: 'ws2012', cpus: 65, vms: 2 })).toEqual({
      error: 'an adapter has a whole number of CPUs, from 1 to 64',
    });
    for (const request of [
      { profile: 'ws2012', cpus: 2.5, vms: 2 },
      { profile: 'ws2012', cpus: Number.NaN, vms: 2 },
      { profile: 'ws2012', cpus: 4, vms: -1 },
      { profile: 'ws2012', cpus: 4, vms: Number.POSITIVE_INFINITY },
      { profile: 'toString', cpus: 4, vms: 2 },
      { profile: '__proto__', cpus: 4, vms: 2 },
      { profile: '', cpus: 4, vms: 2 },
    ])
      expect(emptyAdapterScenario(request), JSON.stringify(request)).toHaveProperty('error');
  });

  it('answers any request with a scenario the parser takes or an error, never an exception', () => {
    const request = fc.record({
      profile: fc.oneof(fc.constantFrom(...schemaProfiles(), 'WS2012', 'constructor'), fc.string()),
      cpus: fc.oneof(fc.integer({ min: -2, max: 70 }), fc.double()),
      vms: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double()),
    });
    fc.assert(
      fc.property(request, (r) => {
        const result = emptyAdapterScenario(r);
        if ('scenario' in result) expect(parseScenario(result.scenario).ok).toBe(true);
        else expect(result.error).not.toBe('');
      }),
    );
  });

  it('is recognised in a document or its text, and nothing else is', () => {
    const adapter = { profile: 'ws2008r2', cpus: 2, vms: 3 } as const;
    expect(emptyAdapterOf(built(adapter))).toEqual(adapter);
    expect(emptyAdapterOf(JSON.stringify(built(adapter)))).toEqual(adapter);
    const edited = { ...built(adapter), steps: [{ advance: '1ms' }] };
    for (const other of [edited, scenarioText('vmq-in-a-minute.json'), '{', 'null', 42, null, { adapter: {} }])
      expect(emptyAdapterOf(other)).toBeNull();
  });

  it('reads a count only from digits', () => {
    expect(['0', '3', '064'].map(wholeNumber)).toEqual([0, 3, 64]);
    for (const text of ['', ' 3', '3 ', '1e1', '0x10', '-1', '2.0', '٣']) expect(wholeNumber(text), text).toBeNaN();
  });
});
