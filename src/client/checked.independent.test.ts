import { describe, expect, it } from 'vitest';
import type { SimCommand } from '../protocol/commands.ts';
import { checkedScenarioJson } from '../scenario/checked.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioText } from '../worker/testScenarios.ts';
import { InProcessSimClient } from './InProcessSimClient.ts';
import { LockstepSimClient, type MemberScenario } from './LockstepSimClient.ts';

function checkedOf(file: string): Scenario {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} must parse`);
  return JSON.parse(checkedScenarioJson(parsed.scenario)) as Scenario;
}

/** An in-process client that also keeps every command it posts. */
class RecordingClient extends InProcessSimClient {
  readonly posted: SimCommand[] = [];
  protected override post(command: SimCommand): void {
    this.posted.push(structuredClone(command));
    super.post(command);
  }
  loads() {
    return this.posted.filter((command) => command.type === 'load-scenario');
  }
}

describe('clients carry the checked form of a built-in', () => {
  it('sends checked with the load when given, and runs it instead of the text', async () => {
    const client = new RecordingClient();
    await client.ready;
    const checked = { ...checkedOf('oid-errors.json'), title: 'As the build checked it' };
    const outcome = await client.loadScenario(scenarioText('oid-errors.json'), 'oid-errors.json', checked);
    expect(outcome.type === 'scenario-loaded' && outcome.scenario.title).toBe('As the build checked it');
    expect(client.loads()[0]).toMatchObject({ scenario: scenarioText('oid-errors.json'), checked });
    client.dispose();
  });

  it('sends no checked form when none is given, so the host parses and can refuse', async () => {
    const client = new RecordingClient();
    await client.ready;
    const outcome = await client.loadScenario('{"format":"vmq-scenario"}', 'mine.json');
    expect(outcome.type).toBe('scenario-rejected');
    expect(client.loads()[0]?.checked).toBeUndefined();
    client.dispose();
  });

  it('lockstep gives each member its own checked form, and none to a member that has none, even from a promise', async () => {
    const lockstep = new LockstepSimClient();
    const clients = { plain: new RecordingClient(), checked: new RecordingClient(), later: new RecordingClient() };
    for (const [key, client] of Object.entries(clients)) lockstep.join(key, client);
    const forKey = (key: string): MemberScenario | Promise<MemberScenario> => {
      if (key === 'plain') return { scenario: scenarioText('pending-oids.json') };
      const checked = { ...checkedOf('pending-oids.json'), title: `checked for ${key}` };
      const member = { scenario: scenarioText('pending-oids.json'), checked };
      return key === 'later' ? new Promise((resolve) => setTimeout(() => resolve(member), 5)) : member;
    };
    const outcomes = lockstep.loadScenario(forKey, 'pending-oids.json');
    const titles = Object.fromEntries(
      await Promise.all(
        [...outcomes].map(async ([key, outcome]) => {
          const answer = await outcome;
          return [key, answer.type === 'scenario-loaded' ? answer.scenario.title : answer.type] as const;
        }),
      ),
    );
    expect(titles).toEqual({
      plain: checkedOf('pending-oids.json').title,
      checked: 'checked for checked',
      later: 'checked for later',
    });
    expect(clients.plain.loads()[0]?.checked).toBeUndefined();
    expect(clients.checked.loads()[0]?.checked?.title).toBe('checked for checked');
    const batches = await lockstep.pullBatch({ maxEvents: 100, wallMs: 16 });
    expect([...batches.keys()].sort()).toEqual(['checked', 'later', 'plain']);
    for (const client of Object.values(clients)) client.dispose();
  });

  it('a restarted client loads the checked form again through reload, never needing the text to parse', async () => {
    const lockstep = new LockstepSimClient();
    const client = new RecordingClient();
    lockstep.join('a', client);
    const checked = checkedOf('vmq-in-a-minute.json');
    const first = await lockstep.reload('a', { scenario: 'ignored text', checked }, 'vmq-in-a-minute.json');
    expect(first.type).toBe('scenario-loaded');
    await client.restart();
    lockstep.hold('a');
    const again = await lockstep.reload('a', { scenario: 'ignored text', checked }, 'vmq-in-a-minute.json');
    expect(again.type).toBe('scenario-loaded');
    expect(client.loads().map((load) => load.checked?.title)).toEqual([checked.title, checked.title]);
    client.dispose();
  });
});
