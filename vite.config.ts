import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The advisor console: built into dist/web, which `ecoute serve` serves at / (SPA fallback).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
