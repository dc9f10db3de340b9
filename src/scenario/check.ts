/**
 * Checks that need the whole document rather than one value: every reference points at something defined
 * earlier, names are unique, and frames fit the VLAN they will carry. Run after the shape is valid, so a file
 * that passes `vmq validate` fails at run time only for reasons that depend on what the engine answers.
 */
import { MANAGEMENT_OS } from '../engine/index.ts';
import type { ScenarioError } from './errors.ts';
import { formatPath } from './errors.ts';
import { isRecord, parseRef, stringsIn } from './refs.ts';
import type { Scenario } from './schema.ts';
import { quoted } from './quote.ts';
import { suggest } from './suggest.ts';

/** Untagged Ethernet frames without FCS are at most this long; an 802.1Q tag adds 4 bytes. */
const MAX_UNTAGGED_FRAME = 1514;

export function checkScenario(scenario: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const fail = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message });

  const vms = new Map<string, Scenario['vms'][number]>();
  for (const [i, vm] of scenario.vms.entries()) {
    if (vms.has(vm.name)) fail(['vms', i, 'name'], `a VM named ${quoted(vm.name)} is already defined`);
    vms.set(vm.name, vm);
  }
  const saved = new Map<string, number>();
  const flows = new Set<string>();
  const spaces = [MANAGEMENT_OS, ...vms.keys()];

  const closest = (name: string, known: Iterable<string>) => {
    const close = suggest(name, [...known]);
    return close === undefined ? '' : ` — did you mean ${quoted(close)}?`;
  };
  /** The VM a "$vm:NAME…" string names, after checking it exists; undefined for other strings. */
  const checkRef = (text: string, path: PropertyKey[]) => {
    const parsed = parseRef(text);
    if (parsed === null || 'error' in parsed) return undefined;
    const { ref } = parsed;
    if (ref.kind === 'saved') {
      if (!saved.has(ref.name))
        fail(
          path,
          `${quoted(text)} refers to saveAs ${quoted(ref.name)}, which no earlier step defines${closest(ref.name, saved.keys())}`,
        );
      return undefined;
    }
    const vm = vms.get(ref.vm);
    if (!vm)
      fail(path, `${quoted(text)} refers to VM ${quoted(ref.vm)}, which is not in vms${closest(ref.vm, vms.keys())}`);
    else if (ref.field === 'vlan' && vm.vlan === undefined)
      fail(path, `${quoted(text)}: VM ${quoted(vm.name)} has no vlan`);
    return vm;
  };
  const checkRefsIn = (value: unknown, path: PropertyKey[]) => {
    for (const found of stringsIn(value, path)) checkRef(found.text, found.path);
  };

  for (const [i, step] of scenario.steps.entries()) {
    const at = (...rest: PropertyKey[]) => ['steps', i, ...rest];
    if ('oid' in step) {
      checkRefsIn(step.buffer, at('buffer'));
      checkRefsIn(step.expect, at('expect'));
      if (step.saveAs !== undefined) {
        const earlier = saved.get(step.saveAs);
        if (earlier !== undefined)
          fail(at('saveAs'), `saveAs ${quoted(step.saveAs)} is already used by steps[${earlier}]`);
        else saved.set(step.saveAs, i);
      }
    } else if ('traffic' in step) {
      const { traffic } = step;
      const vm = checkRef(traffic.dst, at('traffic', 'dst'));
      if (traffic.src !== undefined) checkRef(traffic.src, at('traffic', 'src'));
      const vlanId = traffic.vlanId !== undefined ? traffic.vlanId : (vm?.vlan ?? null);
      if (vlanId === null && traffic.frameBytes > MAX_UNTAGGED_FRAME) {
        fail(
          at('traffic', 'frameBytes'),
          `untagged frames are at most ${MAX_UNTAGGED_FRAME} bytes (1518 needs a VLAN tag), got ${traffic.frameBytes}`,
        );
      }
      flows.add(traffic.name);
    } else if ('stopTraffic' in step) {
      if (!flows.has(step.stopTraffic))
        fail(
          at('stopTraffic'),
          `no earlier step starts traffic named ${quoted(step.stopTraffic)}${closest(step.stopTraffic, flows)}`,
        );
    } else if ('returnNbls' in step) {
      checkRefsIn(step.returnNbls.QueueId, at('returnNbls', 'QueueId'));
    } else if ('fault' in step) {
      const { fault } = step;
      if (fault !== 'surpriseRemoval' && 'liveMigration' in fault && !vms.has(fault.liveMigration))
        fail(
          at('fault', 'liveMigration'),
          `liveMigration names ${quoted(fault.liveMigration)}, which is not in vms${closest(fault.liveMigration, vms.keys())}`,
        );
      else checkRefsIn(fault, at('fault'));
    } else if ('expect' in step) {
      checkRefsIn(step.expect, at('expect'));
      // An address space named in a trace pattern must exist too: a misspelt one would make "count: 0" hold.
      for (const found of spacesNamed(step.expect, at('expect')))
        if (!spaces.includes(found.space))
          fail(
            found.path,
            `no address space named ${quoted(found.space)}: the spaces are ${spaces.map(quoted).join(', ')}${closest(found.space, spaces)}`,
          );
      for (const [m, memory] of (step.expect.memory ?? []).entries()) {
        // A misspelt space matches no block, and would make "count: 0" hold for the wrong reason.
        if (memory.space !== undefined && !spaces.includes(memory.space))
          fail(
            at('expect', 'memory', m, 'space'),
            `no address space named ${quoted(memory.space)}: the spaces are ${spaces.map(quoted).join(', ')}${closest(memory.space, spaces)}`,
          );
      }
    }
  }
  return errors;
}

/** Plain strings given for a `space` fact anywhere in the trace blocks (events, order) of an expectation. */
function spacesNamed(expect: object, path: PropertyKey[]) {
  const found: { space: string; path: PropertyKey[] }[] = [];
  const walk = (value: unknown, at: PropertyKey[]): void => {
    if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, [...at, i]);
    else if (isRecord(value))
      for (const [key, item] of Object.entries(value)) {
        if (key !== 'space') walk(item, [...at, key]);
        // A space given plainly or inside a matcher ({ "oneOf": [...] }); references are checked elsewhere.
        else
          for (const { text, path: where } of stringsIn(item, [...at, key]))
            if (!text.startsWith('$')) found.push({ space: text, path: where });
      }
  };
  const { events, order } = expect as { events?: unknown; order?: unknown };
  walk(events, [...path, 'events']);
  walk(order, [...path, 'order']);
  return found;
}
