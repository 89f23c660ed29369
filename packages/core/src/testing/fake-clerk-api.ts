/**
 * A stand-in for Clerk's Backend API on 127.0.0.1 (no network here): enough of it for the real
 * `createClerkClient` and `verifyToken` to look up users, revoke sessions and fetch the JWKS.
 */
import type { JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeClerkApi {
  url: string;
  users: Map<string, unknown>;
  revokedSessions: string[];
  jwks: JsonWebKey[];
  jwksRequests: number;
  /**
   * How the next session revocations are answered: 200 (default), or a status such as 404 (Clerk does
   * not know the session) or 500/503 (Clerk failing). `revokedSessions` records only 200s.
   */
  revokeStatus: number;
  close(): Promise<void>;
}

export async function startFakeClerkApi(): Promise<FakeClerkApi> {
  const state = {
    users: new Map<string, unknown>(),
    revokedSessions: [] as string[],
    jwks: [] as JsonWebKey[],
    jwksRequests: 0,
    revokeStatus: 200,
  };
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://fake');
    const user = /^\/v1\/users\/([^/]+)$/.exec(url.pathname);
    const revoke = /^\/v1\/sessions\/([^/]+)\/revoke$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/v1/jwks') {
      state.jwksRequests += 1;
      return send(200, { keys: state.jwks });
    }
    if (req.method === 'GET' && user) {
      const found = state.users.get(user[1]!);
      return found
        ? send(200, found)
        : send(404, {
            errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'User not found' }],
          });
    }
    if (req.method === 'POST' && revoke) {
      if (state.revokeStatus !== 200) {
        return send(state.revokeStatus, {
          errors: [
            { code: state.revokeStatus === 404 ? 'resource_not_found' : 'internal_error', message: 'fake' },
          ],
        });
      }
      state.revokedSessions.push(revoke[1]!);
      return send(200, { id: revoke[1], object: 'session', status: 'revoked' });
    }
    send(404, { errors: [{ code: 'resource_not_found', message: 'not found' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
