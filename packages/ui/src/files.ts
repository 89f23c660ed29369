/**
 * Files over plain HTTP (not tRPC): uploads with progress (XMLHttpRequest — fetch reports no upload
 * progress) and downloads that need the session token (a plain link cannot send `Authorization`).
 */
import { useCallback } from 'react';
import { useAuth } from './auth/context.ts';
import { ServiceUnavailableError } from './errors.ts';
import { useActiveOrganization } from './org/OrganizationProvider.tsx';

/** An HTTP answer that was not a success, with the API's message when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The headers the API needs on a plain HTTP call: the session token and the active organization. */
export function useApiHeaders(): () => Promise<Record<string, string>> {
  const auth = useAuth();
  const active = useActiveOrganization();
  return useCallback(async () => {
    const headers: Record<string, string> = { 'x-organization-id': active.organizationId };
    const token = await auth.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    return headers;
  }, [auth, active.organizationId]);
}

function messageOf(status: number, body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown; error?: unknown };
    const message =
      typeof json.error === 'string'
        ? json.error
        : typeof json.message === 'string'
          ? json.message
          : (json.error as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // not JSON
  }
  if (status === 413) return 'The file is too large.';
  if (status === 415) return 'This type of file is not accepted.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You may not do that.';
  if (status >= 500) return 'The server had a problem. Try again.';
  return `The request failed (${status}).`;
}

export interface UploadOptions {
  url: string;
  file: File;
  headers: Record<string, string>;
  /** 0–100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** POSTs the file as the request body (streamed by the API) and resolves with its JSON answer. */
export function uploadWithProgress<T = unknown>({
  url,
  file,
  headers,
  onProgress,
  signal,
}: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        try {
          resolve((body ? JSON.parse(body) : null) as T);
        } catch {
          reject(new ServiceUnavailableError(xhr.status));
        }
        return;
      }
      reject(new HttpError(xhr.status, messageOf(xhr.status, body)));
    };
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Downloads a file the API serves to signed-in parties only, and saves it under its name. */
export async function downloadWithAuth(
  url: string,
  headers: Record<string, string>,
  fallbackName: string,
): Promise<void> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new HttpError(response.status, messageOf(response.status, await response.text()));
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
