import { defineConfig } from 'vite';

// Two pages: the public citizen page at "/" and the officer console at "/console/".
// The build is fully self-contained (no CDN, system fonts only) for on-premise use.
const page = (p: string): string => decodeURIComponent(new URL(p, import.meta.url).pathname);

export default defineConfig({
  base: '/',
  root: page('./'),
  build: {
    outDir: page('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        public: page('./index.html'),
        console: page('./console/index.html'),
      },
      output: {
        // Code used by both pages goes into one chunk named "shared".
        manualChunks: (id: string) => (/[\\/]src[\\/]shared[\\/]/.test(id) ? 'shared' : undefined),
      },
    },
  },
});
