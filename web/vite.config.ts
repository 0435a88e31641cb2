import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const server = 'http://127.0.0.1:3000'
// '/api/' with its slash: the page /api-keys is the app's own, not the server's.
const serverPaths = ['/api/', '/tiles/', '/notice/', '/healthz', '/readyz', '/docs', '/openapi.json']

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The shared antd chunk every page needs is ~700 kB (≈220 kB gzipped); pages load their own parts lazily.
    // MapLibre is its own ~1.1 MB chunk (≈300 kB gzipped), loaded only by the grid page.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // No changeOrigin: the server's CSRF check compares Origin with Host, and both must stay the dev server's
    // (the inbox WebSocket checks the same). ws: Vite proxies an upgrade only for entries that ask for it.
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: server, ws: path === '/api/' }])),
  },
})
