import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The advisor console and the customer app (web/my/): built into dist/web, which `ecoute serve`
// serves at / and /my/ (each its own page, routed on the client).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rollupOptions: {
      input: { console: new URL('./web/index.html', import.meta.url).pathname, my: new URL('./web/my/index.html', import.meta.url).pathname },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
