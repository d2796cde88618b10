import { defineConfig } from 'vite';

/** Builds the in-browser benches (bench/browser) as a small static page. */
export default defineConfig({
  root: 'bench/browser',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../../node_modules/.bench-browser', emptyOutDir: true, target: 'es2022' },
});
