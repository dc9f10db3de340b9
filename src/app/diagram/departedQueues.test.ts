import { describe, expect, it } from 'vitest';
import type { QueueView } from '../../engine/index.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import type { QueueStateIndication } from '../viz/traceDigest.ts';
import { departedSince } from './departedQueues.ts';

describe('departedSince', () => {
  const parsed = parseScenario(scenarioText('free-queue-properly.json'));
  if (!parsed.ok) throw new Error('free-queue-properly.json does not parse');
  const session = createScenarioSession(parsed.scenario);
  for (let i = 0; i < 6; i++) session.runNextStep();
  const queues = session.engine.view().queues;

  it('names each queue that left, with the indication it last stood with', () => {
    const [defaultQueue, ...others] = queues as [QueueView, ...QueueView[]];
    const indication = { state: 'NdisReceiveQueueOperationalStateDmaStopped' } as QueueStateIndication;
    const fake = { ...defaultQueue, QueueId: 7 as QueueView['QueueId'] };
    const left = departedSince([...queues, fake], queues, new Map([[7, indication]]));
    expect(left).toEqual([{ queue: fake, indication }]);
    expect(departedSince(queues, [defaultQueue, ...others], new Map())).toEqual([]);
  });

  it('a queue that comes back under the same QueueId has not left', () => {
    const moved = queues.map((q) => ({ ...q, cpu: q.cpu + 1 }));
    expect(departedSince(queues, moved, new Map())).toEqual([]);
  });
});
