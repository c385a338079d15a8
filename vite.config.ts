// The dashboard's build: a Preact single-page app from dashboard/ into public/admin/, which
// Workers static assets serve under /admin/ (the Worker answers the index with its CSP:
// workers/http/dashboard.ts). `npm run build`, `npm run dev` and the browser tests build it.

import { defineConfig } from 'vite';

export default defineConfig({
  root: 'dashboard',
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../public/admin',
    emptyOutDir: true,
    // Every script and stylesheet as a file: the CSP allows no inline code.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
