import { defineConfig } from 'vite';

// The page is static: `notifier-config.json` is served beside it (written by the local stack, or from
// the stack outputs when deployed), so one build serves every environment.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: true, emptyOutDir: true },
  server: { host: '127.0.0.1' },
});
