/**
 * The Vite config both portals share; each passes its own port. Imported by relative path from
 * the apps' vite.config.ts (Vite bundles it into the config, resolving `vite` and the React
 * plugin from the app).
 */
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type ProxyOptions, type UserConfigFnObject } from 'vite';

/** One `.env` at the repository root serves the API and both portals (only VITE_* reach the browser). */
const envDir = '../..';

export function portalViteConfig(port: number): UserConfigFnObject {
  return defineConfig(({ mode }) => {
    const fileEnv = loadEnv(mode, envDir, 'VITE_');
    const target =
      process.env.VITE_API_PROXY_TARGET || fileEnv.VITE_API_PROXY_TARGET || 'http://127.0.0.1:3000';
    // Same-origin calls from the page; the Origin header is kept (the local provider puts it in `azp`).
    const proxy: Record<string, ProxyOptions> = { '/trpc': { target }, '/api': { target } };
    return {
      plugins: [react()],
      envDir,
      server: { port, strictPort: true, proxy },
      preview: { port, strictPort: true, proxy },
      build: { sourcemap: true, chunkSizeWarningLimit: 700 },
    };
  });
}
