/** `npm run soak` (bundled to dist-cli/soak.js): runs the soak and says whether every invariant held. */
import { HOSTILE_CLASSES, type HostileClass } from './hostile.ts';
import { reportLines } from './report.ts';
import { runSoak } from './soak.ts';

const USAGE = `usage: npm run soak -- [--seed N] [--steps N] [--classes A,B,…]
  --seed N          the stream's seed, 0 to 4294967295 (default 1)
  --steps N         how many steps (default 100000)
  --classes A,B     draw only these hostile classes (of ${HOSTILE_CLASSES.join(', ')}); "none" for none`;

interface Args {
  seed: number;
  steps: number;
  classes?: HostileClass[];
}

function parse(argv: readonly string[]): Args | string {
  const args: Args = { seed: 1, steps: 100_000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s);
    if (flag === '--classes') {
      const names = (inline ?? argv[++i] ?? '').split(',').filter((name) => name !== '' && name !== 'none');
      const unknown = names.find((name) => !(HOSTILE_CLASSES as readonly string[]).includes(name));
      if (unknown !== undefined) return `unknown hostile class "${unknown}"`;
      args.classes = names as HostileClass[];
    } else if (flag === '--seed' || flag === '--steps') {
      const text = inline ?? argv[++i] ?? '';
      const value = Number(text);
      const max = flag === '--seed' ? 0xffffffff : 100_000_000;
      if (!/^\d+$/.test(text) || value > max || (flag === '--steps' && value === 0))
        return `${flag} needs an integer from ${flag === '--seed' ? 0 : 1} to ${max}, got "${text}"`;
      args[flag === '--seed' ? 'seed' : 'steps'] = value;
    } else return `unknown option "${argv[i]}"`;
  }
  return args;
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const args = parse(process.argv.slice(2));
if (typeof args === 'string') {
  console.error(`soak: ${args}\n${USAGE}`);
  process.exit(2);
}
const classes = args.classes ?? [...HOSTILE_CLASSES];
console.log(`soak: seed ${args.seed}, ${args.steps} steps, hostile classes ${classes.join(', ') || 'none'}`);

const started = performance.now();
const report = runSoak({ seed: args.seed, steps: args.steps, classes });
const seconds = (performance.now() - started) / 1000;
const replayFlags = args.classes ? ` --classes ${args.classes.join(',') || 'none'}` : '';
for (const line of reportLines(report, { seed: args.seed, replayFlags, seconds })) console.log(line);
if (report.failure !== null) process.exitCode = 1;
