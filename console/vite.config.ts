import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The console, built into dist/console and served by the service at /console/ (src/common/http/console-static.ts). */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  plugins: [
    vue(),
    // Element Plus on demand: only the components and styles the pages use reach the bundle.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('src/auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('src/components.d.ts') }),
  ],
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    // The service's CSP allows no inline script or data: script: every asset is a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
});
