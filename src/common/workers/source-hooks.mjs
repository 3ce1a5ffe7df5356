/**
 * Starts a worker thread from TypeScript source (tests and `jest` runs; a built service starts
 * its workers from dist/ and never loads this file). It compiles each .ts module with swc, the
 * compiler the tests use, resolves the `.js` specifiers of the sources to their `.ts` files,
 * then imports the entry named in workerData.entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { SWC_OPTIONS } from './swc-options.mjs';

const swc = createRequire(import.meta.url)('@swc/core');
const options = { ...SWC_OPTIONS, sourceMaps: 'inline' };

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const source = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(source))) return next(source.href, context);
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
    const filename = fileURLToPath(url);
    return { format: 'module', source: swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, shortCircuit: true };
  },
});

await import(workerData.entry);
