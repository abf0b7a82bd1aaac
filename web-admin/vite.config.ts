import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` serves the SPA on :5173 and forwards the API to a backend started with `./grid up`.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/openapi.yaml': 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus alone is ~900 kB unminified; pages are split per route below that.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // The chart and map libraries in chunks of their own, named for what they are, loaded only by
        // the pages that draw graphs or maps (and cached across deploys while their versions stay).
        manualChunks(id: string) {
          if (id.includes('/node_modules/echarts/') || id.includes('/node_modules/zrender/')) {
            return 'echarts'
          }
          if (id.includes('/node_modules/maplibre-gl/')) {
            return 'maplibre'
          }
          return undefined
        },
      },
    },
  },
})
