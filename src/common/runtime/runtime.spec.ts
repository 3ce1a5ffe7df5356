import { readFileSync } from 'node:fs';

/**
 * The project brings its own supported Node.js (the npm registry's `node` package), so the
 * README's commands and CI run on it even on a machine whose system Node.js is past end of life.
 */
describe('runtime', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
    engines: Record<string, string>;
  };

  it('runs the tests on the Node.js the project pins, a supported LTS (24)', () => {
    const pinned = pkg.dependencies.node;
    expect(pinned).toMatch(/^24\./);
    expect(process.versions.node).toBe(pinned);
  });

  it('declares the same major in engines', () => {
    expect(pkg.engines.node).toBe('>=24');
  });
});
