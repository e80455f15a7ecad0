import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiServer = process.env.VINCULO_API_URL ?? 'http://localhost:3000';

// The express server serves the built console under /admin/ and the API on the same origin,
// so the session and CSRF cookies work without CORS; the dev server proxies to get the same.
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': { target: apiServer, changeOrigin: false },
      '/portal': { target: apiServer, changeOrigin: false },
    },
  },
});
