import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread from `entry` (a `.js` URL next to the caller): from dist/ the compiled
 * worker; from the TypeScript sources (tests) through the swc hooks of source-hooks.mjs.
 */
export function spawnWorker(entry: URL, workerData: object, resourceLimits?: ResourceLimits): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(entry, { workerData, resourceLimits });
  const source = new URL(entry.href.replace(/\.js$/, '.ts'));
  return new Worker(new URL('./source-hooks.mjs', import.meta.url), { workerData: { ...workerData, entry: source.href }, resourceLimits });
}
