/**
 * The search bench's client, in a process of its own (as autocannon is for verifyHttp), so that
 * its requests, JSON parsing and garbage collection do not share the service's event loop.
 * Reads a plan file (argv[2]), runs the searches one at a time, `GET /health` after each, and
 * prints every duration in ms as JSON.
 */
import { readFileSync } from 'node:fs';

export interface ClientPlan {
  baseUrl: string;
  perSearch: number;
  /** Untimed passes over the searches for at least this long first (see bench/search.ts). */
  warmupMs: number;
  searches: Array<{ name: string; method: 'GET' | 'POST'; path: string; body?: unknown; authorization: string }>;
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ClientPlan;
  const times: Record<string, number[]> = Object.fromEntries(plan.searches.map((s) => [s.name, []]));
  const health: number[] = [];
  const pass = async (record: boolean) => {
    for (const s of plan.searches) {
      const start = performance.now();
      const res = await fetch(`${plan.baseUrl}${s.path}`, {
        method: s.method,
        headers: { authorization: s.authorization, ...(s.body ? { 'content-type': 'application/json' } : {}) },
        body: s.body ? JSON.stringify(s.body) : undefined,
      });
      await res.arrayBuffer();
      const took = performance.now() - start;
      if (res.status !== 200) throw new Error(`${s.name} answered ${res.status}`);
      const probe = performance.now();
      await (await fetch(`${plan.baseUrl}/health`)).arrayBuffer();
      if (!record) continue;
      times[s.name].push(took);
      health.push(performance.now() - probe);
    }
  };
  const warmUntil = performance.now() + plan.warmupMs;
  do await pass(false);
  while (performance.now() < warmUntil);
  for (let n = 0; n < plan.perSearch; n++) await pass(true);
  process.stdout.write(JSON.stringify({ times, health }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
