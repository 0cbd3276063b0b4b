import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { manifestSchemaPlugin } from './scripts/manifestSchemaPlugin';

export default defineConfig({
  plugins: [react(), manifestSchemaPlugin()],
  worker: { format: 'es' },
  optimizeDeps: {
    include: ['comlink', 'yaml', 'monaco-yaml/yaml.worker.js'],
    // Monaco's ESM build imports its own CSS and workers: prebundling it breaks both.
    exclude: ['monaco-editor'],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { port: 4173, strictPort: true },
});
