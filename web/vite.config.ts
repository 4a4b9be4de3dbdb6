// Built with `vite build web`: the root is this folder and the output web/dist, which the
// Declass server serves. `vite web` runs a dev server that forwards /api to `declass serve`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
