/**
 * Document uploads and downloads for both portals (docs/documents.md). Uploads go through
 * XMLHttpRequest because `fetch` reports no upload progress; the file is sent as the raw body (the
 * browser streams a File from disk), with the same Authorization and x-organization-id headers as
 * the tRPC link. The API judges the type by the content, so the Content-Type sent is only a hint.
 */

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0–100, whole numbers. */
  percent: number;
}

export interface UploadDocumentOptions {
  applicationId: string;
  checklistKey: string;
  file: Blob & { name?: string };
  getToken: () => Promise<string | null>;
  organizationId: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Where the API is (default: the same origin, which the portals' dev servers proxy). */
  apiBase?: string;
  /** For tests: an XMLHttpRequest stand-in. */
  createRequest?: () => XMLHttpRequest;
}

/** What the upload route answers (the document as the list procedures show it). */
export interface UploadedDocument {
  id: string;
  checklistKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  status: 'uploaded' | 'accepted' | 'rejected';
  downloadPath: string;
}

/** An upload the API refused (413, 415, 403…) or that never arrived: `message` is for a person. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

function errorMessageOf(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string' && parsed.error) return parsed.error;
  } catch {
    // Not JSON: a proxy's page. Say it plainly below.
  }
  if (status === 413) return 'The file is too large.';
  return 'The service is unavailable, try again in a moment.';
}

export async function uploadDocument(options: UploadDocumentOptions): Promise<UploadedDocument> {
  const token = await options.getToken();
  const query = new URLSearchParams({
    applicationId: options.applicationId,
    checklistKey: options.checklistKey,
    ...(options.file.name ? { fileName: options.file.name } : {}),
  });
  const request = options.createRequest?.() ?? new XMLHttpRequest();
  return new Promise<UploadedDocument>((resolve, reject) => {
    request.open('POST', `${options.apiBase ?? ''}/api/documents/upload?${query}`);
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('x-organization-id', options.organizationId);
    request.setRequestHeader('content-type', options.file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      options.onProgress?.({
        loaded: event.loaded,
        total: event.total,
        percent: Math.min(100, Math.floor((event.loaded / event.total) * 100)),
      });
    };
    request.onload = () => {
      if (request.status === 201) {
        try {
          resolve((JSON.parse(request.responseText) as { document: UploadedDocument }).document);
        } catch {
          reject(new UploadError(errorMessageOf(request.status, ''), request.status));
        }
        return;
      }
      reject(new UploadError(errorMessageOf(request.status, request.responseText), request.status));
    };
    request.onerror = () =>
      reject(new UploadError('The upload did not reach the server. Check your connection and try again.', 0));
    request.onabort = () => reject(new UploadError('The upload was cancelled.', 0));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(options.file);
  });
}

/** The file name of a download, from its Content-Disposition (the UTF-8 form first). */
export function fileNameFromDisposition(header: string | null, fallback = 'document'): string {
  if (!header) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!);
    } catch {
      // fall through to the ASCII name
    }
  }
  const ascii = /filename="([^"]*)"/i.exec(header);
  return ascii?.[1] || fallback;
}
