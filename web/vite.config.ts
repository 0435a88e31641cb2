import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const server = 'http://127.0.0.1:3000'
// '/api/' with its slash: the page /api-keys is the app's own, not the server's.
const serverPaths = ['/api/', '/tiles/', '/notice/', '/healthz', '/readyz', '/docs', '/openapi.json']

const web = fileURLToPath(new URL('.', import.meta.url))
const FIELD_HTML = 'm/index.html'

/**
 * The files the field app (web/m/index.html) needs: its entry chunk and every chunk, style and asset
 * it imports, statically or lazily. Filled while the bundle is written; the service worker precaches
 * these and nothing of the desk's pages.
 */
const fieldFiles = new Set<string>()
function collectFieldFiles(): Plugin {
  return {
    name: 'wangge:field-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      fieldFiles.clear()
      const visit = (fileName: string) => {
        if (fieldFiles.has(fileName)) return
        const item = bundle[fileName]
        if (!item) return
        fieldFiles.add(fileName)
        if (item.type !== 'chunk') return
        for (const next of [...item.imports, ...item.dynamicImports]) visit(next)
        for (const css of item.viteMetadata?.importedCss ?? []) fieldFiles.add(css)
        for (const asset of item.viteMetadata?.importedAssets ?? []) fieldFiles.add(asset)
      }
      for (const item of Object.values(bundle))
        if (item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith(FIELD_HTML))
          visit(item.fileName)
    },
  }
}

const EARLY = 'src/early/early.ts'

/**
 * The desk's page starts with the early reads (web/src/early/): their own entry, run by an async
 * module script as soon as it arrives, where a script in index.html would be bundled into the
 * desk's entry and run only after all of its modules.
 */
function earlyScript(): Plugin {
  return {
    name: 'wangge:early-script',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (ctx.filename !== `${web}index.html`) return
        const built = Object.values(ctx.bundle ?? {}).find(
          (item) => item.type === 'chunk' && item.isEntry && item.name === 'early',
        )
        if (ctx.bundle && !built) throw new Error(`no chunk for ${EARLY}`)
        const src = built ? `/${built.fileName}` : `/${EARLY}`
        return [
          {
            tag: 'script',
            attrs: { type: 'module', async: true, crossorigin: true, src },
            injectTo: 'head-prepend',
          },
        ]
      },
    },
  }
}

export default defineConfig({
  root: web,
  base: '/',
  plugins: [
    react(),
    collectFieldFiles(),
    earlyScript(),
    // The field app's service worker, /m/sw.js with the scope /m/: the app shell precached, so /m/ opens
    // with no network after one visit; any page under /m/ is answered with /m/index.html. The app itself
    // registers it (web/src/field/serviceWorker.ts) and writes its own manifest (public/m/).
    VitePWA({
      filename: 'm/sw.js',
      scope: '/m/',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['m/**/*.{html,webmanifest,png,svg}', 'assets/**/*.{js,mjs,css,svg,png,woff2}'],
        // Only what the field app loads (see collectFieldFiles): the desk's pages stay out.
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((entry) => {
              const file = entry.url.replace(/^\//, '')
              return !file.startsWith('assets/') || fieldFiles.has(file)
            }),
            warnings: [],
          }),
        ],
        // The entries are relative to dist, the service worker sits in m/: make them absolute.
        modifyURLPrefix: { '': '/' },
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m\//],
        // MapLibre is ~1.1 MB: precached too, so the map opens offline.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        // The grid outlines under the patrol map: kept as they were last seen, refreshed when online.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/tiles/grids/'),
            handler: 'StaleWhileRevalidate',
            options: { cacheName: 'grid-tiles', expiration: { maxEntries: 800 } },
          },
        ],
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The shared antd chunk every page needs is ~700 kB (≈220 kB gzipped); pages load their own parts lazily.
    // MapLibre is its own ~1.1 MB chunk (≈300 kB gzipped), loaded only by the grid page.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        desk: fileURLToPath(new URL('index.html', import.meta.url)),
        field: `${web}${FIELD_HTML}`,
        early: `${web}${EARLY}`,
      },
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
