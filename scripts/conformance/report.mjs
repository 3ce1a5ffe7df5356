// Counts of a mocha JSON report, and the titles of what failed (with the first line of why).
//   node scripts/conformance/report.mjs <name> <report.json>
import { readFileSync } from 'node:fs';

const [name, file] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`${name}: no report (${error.message})`);
  process.exit(1);
}
const { passes, failures, pending, tests } = report.stats;
console.log(`${name}: ${passes} passed, ${failures} failed, ${pending} pending (${tests} tests)`);
for (const failure of report.failures) {
  const why = String(failure.err?.message ?? '').split('\n')[0].slice(0, 200);
  console.log(`  FAIL ${failure.fullTitle}\n       ${why}`);
}
