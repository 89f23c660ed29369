/**
 * Throughput of an authorized tRPC query reading one row through the whole stack (Hono, @clerk/backend
 * token verification, session/user check, the portal-access middleware, the query) against a bare
 * Hono handler running the same query on the same PostgreSQL database. 32 connections each.
 *
 *   pnpm --filter @lending/bench bench:http            (needs PostgreSQL on 127.0.0.1:5432)
 *
 * Targets: full stack ≥ 50% of the bare throughput, p99 < 25 ms.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { startBenchStack } from './bench-stack.ts';

const CONNECTIONS = 32;
const DURATION_SECONDS = Number(process.argv[2] ?? 10);

const stack = await startBenchStack();
try {
  const { app, bare, headers } = stack;

  async function listen(fetchHandler: (req: Request) => Response | Promise<Response>) {
    const server = serve({ fetch: fetchHandler, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }
  const full = await listen(app.fetch);
  const plain = await listen(bare.fetch);

  const check = await fetch(`http://127.0.0.1:${full.port}/trpc/borrower.home`, { headers });
  if (check.status !== 200) throw new Error(`full stack answered ${check.status}: ${await check.text()}`);

  // The load generator runs in its own process, so it does not share the servers' event loop.
  const run = promisify(execFile);
  const autocannonBin = fileURLToPath(new URL('../node_modules/.bin/autocannon', import.meta.url));
  async function autocannon(port: number, path: string, headers: Record<string, string>, seconds: number) {
    const args = ['--json', '-c', String(CONNECTIONS), '-d', String(seconds)];
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
    const { stdout } = await run(autocannonBin, [...args, `http://127.0.0.1:${port}${path}`], {
      maxBuffer: 1 << 24,
    });
    return JSON.parse(stdout) as {
      requests: { average: number };
      latency: { p50: number; p99: number };
      non2xx: number;
      errors: number;
    };
  }

  async function load(label: string, port: number, path: string, headers: Record<string, string>) {
    await autocannon(port, path, headers, 2); // warm-up
    const result = await autocannon(port, path, headers, DURATION_SECONDS);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { label, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  }

  const bareResult = await load('bare Hono + query', plain.port, '/organization', {});
  const fullResult = await load('full stack (borrower.home)', full.port, '/trpc/borrower.home', headers);
  full.server.close();
  plain.server.close();

  console.log(
    `\nAuthorized one-row query, PostgreSQL, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each`,
  );
  for (const r of [bareResult, fullResult]) {
    console.log(
      `  ${r.label.padEnd(28)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms`,
    );
  }
  const ratio = fullResult.rps / bareResult.rps;
  console.log(
    `  ratio full/bare: ${(ratio * 100).toFixed(1)}%  (target ≥ 50%)   full-stack p99: ${fullResult.p99} ms (target < 25 ms)`,
  );
} finally {
  await stack.close();
}
