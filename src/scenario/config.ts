/** The engine configuration a scenario asks for: its profile's defaults with the scenario's adapter settings on top. */
import { defaultEngineConfig, type EngineConfig } from '../engine/index.ts';
import type { Scenario } from './schema.ts';

export function engineConfigFor(scenario: Scenario): EngineConfig {
  const base = defaultEngineConfig(scenario.adapter.profile);
  const { profile: _, capabilities, options, ...keywords } = scenario.adapter;
  return {
    seed: scenario.seed,
    vms: scenario.vms,
    adapter: {
      ...base.adapter,
      ...keywords,
      capabilities: { ...base.adapter.capabilities, ...capabilities },
      options: { ...base.adapter.options, ...options },
    },
  };
}
