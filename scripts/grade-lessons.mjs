// `npm test`'s lesson step: the grader CLI on every lesson's solution (exit 0) and wrong solutions (exit 1), as a
// course's CI would run it. The unit tests check which checks each one fails; this checks the CLI a grader uses.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const dir = 'public/lessons';
const lessons = readdirSync(dir).filter((f) => f.endsWith('.json'));
if (lessons.length === 0) {
  console.error(`no lessons in ${dir}`);
  process.exit(1);
}
let failures = 0;
for (const file of lessons) {
  const lesson = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  const runs = [
    { scenario: lesson.solution, exit: 0 },
    ...lesson.wrong.map((wrong) => ({ scenario: wrong.scenario, exit: 1 })),
  ];
  for (const { scenario, exit } of runs) {
    const result = spawnSync('node', ['bin/vmq.mjs', 'check', `${dir}/${scenario}`, '--lesson', lesson.id], {
      encoding: 'utf8',
    });
    const ok = result.status === exit;
    if (!ok) failures++;
    const summary = result.stdout.trim().split('\n').at(-1);
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${lesson.id}: ${scenario} exit ${result.status} (want ${exit}) ${summary}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
