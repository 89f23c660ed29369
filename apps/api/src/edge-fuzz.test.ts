/**
 * A megabyte in every string field of every procedure: each call is answered with a 4xx, fast,
 * and never a 5xx. Strings are found in each procedure's valid input (testing/procedure-calls.ts),
 * so a procedure added later is fuzzed too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callProcedure,
  createRouterWorld,
  procedures,
  type RouterWorld,
  rightCaller,
  validInputs,
} from './testing/procedure-calls.ts';

// Just under the 1 MB body limit once JSON-encoded, so validation (not the body limit) must refuse it.
const MEGABYTE_TEXT = 'a'.repeat(1_000_000);
const MEGABYTE_DECIMAL = `1${'0'.repeat(999_990)}.5`;
// Trailing-zero and leading-zero scans over a long fraction were quadratic in the loan terms schema.
const MEGABYTE_FRACTION = `0.${'0'.repeat(999_990)}1`;
const HUGE_STRINGS = { text: MEGABYTE_TEXT, decimal: MEGABYTE_DECIMAL, fraction: MEGABYTE_FRACTION };
const ANSWER_WITHIN_MS = 200;

/** A tRPC call over HTTP as a ready Request (query input in the URL, mutation input as the body). */
function buildTrpcRequest(
  procedure: { path: string; type: 'query' | 'mutation' },
  options: { input: unknown; token: string | undefined; organizationId: string | undefined },
): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.organizationId) headers['x-organization-id'] = options.organizationId;
  const base = `http://localhost/trpc/${procedure.path}`;
  return procedure.type === 'query'
    ? new Request(`${base}?input=${encodeURIComponent(JSON.stringify(options.input))}`, { headers })
    : new Request(base, { method: 'POST', headers, body: JSON.stringify(options.input ?? null) });
}

let world: RouterWorld;
beforeAll(async () => {
  world = await createRouterWorld();
});
afterAll(() => world.api.close());

type Path = Array<string | number>;

function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
}

function replaceAt(value: unknown, path: Path, replacement: string): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

const withStrings = procedures.filter((p) => p.path in validInputs);

describe.each(withStrings.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  it('answers a megabyte in each string field with a fast 4xx, never a 5xx', async () => {
    const { caller, origin, organizationId } = rightCaller(world, procedure);
    const valid = await validInputs[procedure.path]!(world);
    const paths = stringPaths(valid);
    // Procedures with no input get a megabyte as the whole input: it must not break them either.
    const cases = paths.length > 0 ? paths : [[]];
    for (const path of cases) {
      for (const [kind, huge] of Object.entries(HUGE_STRINGS)) {
        const input = replaceAt(valid, path, huge);
        // The request is built (JSON, URL encoding, the token) before the clock starts: what is timed
        // is the API answering it — reading, validating, refusing.
        const token = caller ? await caller.token(origin) : undefined;
        const timedCall = async () => {
          const request = buildTrpcRequest(procedure, { input, token, organizationId });
          const started = performance.now();
          const response = await world.api.app.fetch(request);
          const text = await response.text();
          const ms = performance.now() - started;
          return { status: response.status, body: text, ms };
        };
        const label = `${procedure.path} ${path.join('.') || '(whole input)'} ${kind}`;
        let answer = await timedCall();
        // Up to two retries, keeping the fastest: they absorb a garbage-collection pause or a busy
        // neighbour on a shared 2-core machine; a slow validator is slow every time. Every attempt
        // must be a 4xx.
        for (let retry = 0; retry < 2 && answer.ms > ANSWER_WITHIN_MS; retry++) {
          const again = await timedCall();
          expect(again.status, `${label}: ${again.body.slice(0, 200)}`).toBeLessThan(500);
          if (again.ms < answer.ms) answer = again;
        }
        expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBeLessThan(500);
        if (paths.length > 0) {
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          expect(answer.body.length, `${label}: the answer echoes the input`).toBeLessThan(10_000);
        }
        expect(answer.ms, label).toBeLessThan(ANSWER_WITHIN_MS);
      }
    }
  });
});

it('refuses a 2,700-character email with a 400, not a 500 from an index', async () => {
  const { status, body } = await callProcedure(
    world,
    procedures.find((p) => p.path === 'team.invite')!,
    world.as.adminA!,
    {
      input: { email: `${'x9Qz'.repeat(675)}@example.test`, portal: 'lender', role: 'viewer' },
      organizationId: world.orgA.id,
    },
  );
  expect(status).toBe(400);
  expect(body.error.message).toMatch(/at most 254 characters/);
});
