// `.ci/run`'s audit: reads `npm audit --omit=dev --json` on stdin and prints the advisories for the shipped
// dependencies. Exit 0 when none is high or critical, 1 when one is, 2 when the registry gave no audit (CI has no
// guaranteed route to its audit endpoint, so the caller says so and goes on).
const FAILING = ['high', 'critical'];

let input = '';
for await (const chunk of process.stdin) input += chunk;

let report;
try {
  report = JSON.parse(input);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? (input.trim().split('\n')[0] || 'no answer');
  console.log(`npm audit: the registry gave no audit (${why.slice(0, 200)})`);
  process.exit(2);
}

for (const advisory of Object.values(report.vulnerabilities ?? {})) {
  const titles = advisory.via.filter((via) => typeof via === 'object').map((via) => `${via.title} (${via.url})`);
  const through = advisory.via.filter((via) => typeof via === 'string');
  const cause = titles.length > 0 ? titles.join('; ') : `through ${through.join(', ')}`;
  console.log(`  ${advisory.severity.padEnd(8)} ${advisory.name} ${advisory.range}: ${cause}`);
}
const summary = ['critical', 'high', 'moderate', 'low', 'info'].map((level) => `${counts[level] ?? 0} ${level}`);
console.log(`npm audit: ${summary.join(', ')} in the shipped dependencies`);
process.exit(FAILING.some((level) => (counts[level] ?? 0) > 0) ? 1 : 0);
