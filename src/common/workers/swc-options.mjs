/**
 * How TypeScript sources are compiled when they run unbuilt: by jest (@swc/jest) and by the
 * worker threads a test starts (source-hooks.mjs). One set, so both see the same code.
 */
export const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'es6' },
};
