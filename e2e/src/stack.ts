/**
 * The system under test: the API in local mode on a fresh PGlite data directory (demo seed),
 * and the two built portals served by `vite preview`, proxying `/trpc` and `/api` to that API.
 * Every process is started in its own process group (the node_modules/.bin shims do not exec)
 * and stopped through it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stack {
  apiUrl: string;
  lenderUrl: string;
  borrowerUrl: string;
  stop: () => Promise<void>;
}

const log = (message: string) => process.stderr.write(`[e2e] ${message}\n`);

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds a portal when its dist is missing or older than its sources (or the shared UI and
 * schemas), or always with E2E_BUILD=1. E2E_BUILD=0 never builds.
 */
export function ensureBuilt(app: 'lender' | 'borrower'): void {
  const appDir = join(repoRoot, 'apps', app);
  const builtAt = newestMtime(join(appDir, 'dist', 'index.html'));
  const sourcesAt = Math.max(
    newestMtime(join(appDir, 'src')),
    newestMtime(join(appDir, 'index.html')),
    newestMtime(join(appDir, 'vite.config.ts')),
    newestMtime(join(repoRoot, 'packages', 'ui', 'src')),
    newestMtime(join(repoRoot, 'packages', 'core', 'src')),
  );
  const force = process.env.E2E_BUILD === '1';
  if (process.env.E2E_BUILD === '0' && builtAt > 0) return;
  if (!force && builtAt >= sourcesAt) return;
  log(
    `building the ${app} portal (${builtAt === 0 ? 'no dist yet' : force ? 'E2E_BUILD=1' : 'sources changed'})`,
  );
  const result = spawnSync(join(appDir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`Building the ${app} portal failed (exit ${result.status}).`);
}

interface Managed {
  name: string;
  child: ChildProcess;
  output: string[];
}

function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Managed {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // own process group: we stop the whole tree with kill(-pid)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output };
}

async function stopProcess({ child }: Managed): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

async function waitForHttp(url: string, managed: Managed, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (managed.child.exitCode !== null) {
      throw new Error(`${managed.name} exited with ${managed.child.exitCode}:\n${managed.output.join('')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${managed.name} did not answer ${url} within ${timeoutMs} ms:\n${managed.output.join('')}`,
  );
}

/** `env`: extra environment for the API (e.g. SMTP_URL for a test's own in-process SMTP server). */
export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  ensureBuilt('lender');
  ensureBuilt('borrower');

  const [apiPort, lenderPort, borrowerPort] = [await freePort(), await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const lenderUrl = `http://127.0.0.1:${lenderPort}`;
  const borrowerUrl = `http://127.0.0.1:${borrowerPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lending-e2e-'));
  const managed: Managed[] = [];

  const stop = async () => {
    await Promise.all(managed.map(stopProcess));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const baseEnv = { ...process.env };
    // The API must run in local mode whatever the developer's environment says.
    for (const key of Object.keys(baseEnv)) {
      if (key.startsWith('CLERK_') || key === 'DATABASE_URL' || key.startsWith('VITE_CLERK'))
        delete baseEnv[key];
    }
    const api = start('api', join(repoRoot, 'node_modules', '.bin', 'tsx'), ['apps/api/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...baseEnv,
        NODE_ENV: 'development',
        PORT: String(apiPort),
        LENDING_DATA_DIR: dataDir,
        LENDING_SEED: 'demo',
        CLERK_AUTHORIZED_PARTIES: [lenderUrl, borrowerUrl].join(','),
        LENDING_LENDER_PORTAL_URL: lenderUrl,
        LENDING_BORROWER_PORTAL_URL: borrowerUrl,
        ...options.env,
      },
    });
    managed.push(api);
    await waitForHttp(`${apiUrl}/health`, api, 90_000);
    log(`API up at ${apiUrl} (data in ${dataDir})`);

    for (const [app, port] of [
      ['lender', lenderPort],
      ['borrower', borrowerPort],
    ] as const) {
      const appDir = join(repoRoot, 'apps', app);
      const preview = start(
        `${app}-preview`,
        join(appDir, 'node_modules', '.bin', 'vite'),
        ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
        { cwd: appDir, env: { ...baseEnv, VITE_API_PROXY_TARGET: apiUrl } },
      );
      managed.push(preview);
      await waitForHttp(`http://127.0.0.1:${port}/`, preview, 30_000);
    }
    log(`portals up: lender ${lenderUrl}, borrower ${borrowerUrl}`);
    return { apiUrl, lenderUrl, borrowerUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
