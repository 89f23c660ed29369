import type { RouterOutputs } from '@lending/core/router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useAuth } from '../auth/context.ts';
import { usePortalConfig } from '../config.tsx';
import { isProcedureKey, useTRPC } from '../trpc.ts';

export type Me = RouterOutputs['auth']['me'];
export type Access = Me['accesses'][number];

export interface OrganizationState {
  /** `auth.me`, once loaded. */
  me: Me | undefined;
  meQuery: ReturnType<typeof useMeQuery>;
  /** This portal's accesses, one per organization. */
  accesses: Access[];
  /** The organization every API call is made for (`x-organization-id`). */
  active: Access | null;
  setActiveOrganization: (organizationId: string) => void;
}

const OrganizationContext = createContext<OrganizationState | null>(null);

function useMeQuery() {
  const trpc = useTRPC();
  const { status } = useAuth();
  return useQuery({ ...trpc.auth.me.queryOptions(), enabled: status === 'signed-in' });
}

function storageKey(portal: string) {
  return `lending.active-organization.${portal}`;
}

function readPreferred(portal: string): string | null {
  try {
    return localStorage.getItem(storageKey(portal));
  } catch {
    return null;
  }
}

/**
 * Holds the active organization: from `auth.me`'s accesses to this portal, remembered in
 * localStorage. Switching drops every cached query (except `auth.me`) before anything renders
 * for the new organization, since query keys do not contain the organization.
 */
export function OrganizationProvider({
  organizationIdRef,
  children,
}: {
  /** Read by the tRPC link for the `x-organization-id` header. */
  organizationIdRef: { current: string | null };
  children: ReactNode;
}) {
  const { portal } = usePortalConfig();
  const queryClient = useQueryClient();
  const meQuery = useMeQuery();
  const [preferred, setPreferred] = useState<string | null>(() => readPreferred(portal));

  const accesses = useMemo(() => {
    const seen = new Set<string>();
    return (meQuery.data?.accesses ?? []).filter((access) => {
      if (access.portal !== portal || seen.has(access.organizationId)) return false;
      seen.add(access.organizationId);
      return true;
    });
  }, [meQuery.data, portal]);

  const active = accesses.find((a) => a.organizationId === preferred) ?? accesses[0] ?? null;
  const activeId = active?.organizationId ?? null;

  // Synchronously, before children render for another organization: header + cache.
  const lastActiveIdRef = useRef<string | null>(activeId);
  organizationIdRef.current = activeId;
  if (lastActiveIdRef.current !== activeId) {
    const previous = lastActiveIdRef.current;
    lastActiveIdRef.current = activeId;
    if (previous !== null) {
      queryClient.removeQueries({ predicate: (query) => !isProcedureKey(query.queryKey, ['auth', 'me']) });
    }
  }

  const setActiveOrganization = useCallback(
    (organizationId: string) => {
      try {
        localStorage.setItem(storageKey(portal), organizationId);
      } catch {
        // no storage: only this page remembers
      }
      setPreferred(organizationId);
    },
    [portal],
  );

  const value = useMemo<OrganizationState>(
    () => ({ me: meQuery.data, meQuery, accesses, active, setActiveOrganization }),
    [meQuery, accesses, active, setActiveOrganization],
  );
  return <OrganizationContext.Provider value={value}>{children}</OrganizationContext.Provider>;
}

export function useOrganizations(): OrganizationState {
  const value = useContext(OrganizationContext);
  if (!value) throw new Error('useOrganizations must be used inside <AppProviders>.');
  return value;
}

/** The active organization; only inside routes guarded by `RequirePortalAccess`. */
export function useActiveOrganization(): Access {
  const { active } = useOrganizations();
  if (!active) throw new Error('useActiveOrganization needs an active organization (RequirePortalAccess).');
  return active;
}
