/**
 * The typed client for internal developers: every procedure of the Lending OS API, with its input
 * and output types, from a base URL, a token getter and an organization id.
 */

import { TRPC_MAX_BATCH_SIZE } from '@lending/core/inputs';
import type { AppRouter } from '@lending/core/router';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';

export type { AppRouter, RouterInputs, RouterOutputs } from '@lending/core/router';

export interface LendingClientOptions {
  /** The API's base URL, e.g. "https://api.lending.example" or "http://127.0.0.1:3000". */
  baseUrl: string;
  /** Returns a Clerk session token (or null for public procedures); called before every request. */
  getToken: () => Promise<string | null> | string | null;
  /** The active organization; lender and borrower procedures need it. */
  organizationId?: string | (() => string | null | undefined);
  /** A custom fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export function createLendingClient(options: LendingClientOptions) {
  const url = `${options.baseUrl.replace(/\/$/, '')}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        maxItems: TRPC_MAX_BATCH_SIZE,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        async headers() {
          const token = await options.getToken();
          const organizationId =
            typeof options.organizationId === 'function' ? options.organizationId() : options.organizationId;
          return {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(organizationId ? { 'x-organization-id': organizationId } : {}),
          };
        },
      }),
    ],
  });
}

export type LendingClient = ReturnType<typeof createLendingClient>;

/** True when the error came back from the API (as opposed to a network failure). */
export function isApiError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}
