import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition, UploadError, uploadDocument } from './upload.ts';

/** Just enough of XMLHttpRequest to drive the helper: records the call, answers when told. */
class FakeRequest {
  opened: [string, string] | undefined;
  headers: Record<string, string> = {};
  sent: unknown;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    {
      onprogress: null,
    };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const file = Object.assign(new Blob(['%PDF-1.7 …'], { type: 'application/pdf' }), {
  name: 'Bank statement.pdf',
});

function start(overrides: Partial<Parameters<typeof uploadDocument>[0]> = {}) {
  const request = new FakeRequest();
  const progress: number[] = [];
  const promise = uploadDocument({
    applicationId: 'a1',
    checklistKey: 'bank_statements',
    file,
    organizationId: 'org-1',
    getToken: async () => 'tok',
    onProgress: (p) => progress.push(p.percent),
    createRequest: () => request as unknown as XMLHttpRequest,
    ...overrides,
  });
  return { request, progress, promise };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('uploadDocument', () => {
  it('sends the file as the body with the token, organization and query, reporting progress', async () => {
    const { request, progress, promise } = start();
    await tick();
    expect(request.opened).toEqual([
      'POST',
      '/api/documents/upload?applicationId=a1&checklistKey=bank_statements&fileName=Bank+statement.pdf',
    ]);
    expect(request.headers).toEqual({
      authorization: 'Bearer tok',
      'x-organization-id': 'org-1',
      'content-type': 'application/pdf',
    });
    expect(request.sent).toBe(file);
    request.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    request.upload.onprogress?.({ lengthComputable: false, loaded: 7, total: 0 });
    request.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 });
    request.answer(201, { document: { id: 'd1', fileName: 'Bank statement.pdf' } });
    expect(await promise).toEqual({ id: 'd1', fileName: 'Bank statement.pdf' });
    expect(progress).toEqual([50, 100]);
  });

  it('rejects with the API’s sentence on a refusal, and a plain one for a proxy’s page', async () => {
    const refused = start();
    await tick();
    refused.request.answer(415, { error: 'This file is a EXE file, whatever its name says.' });
    await expect(refused.promise).rejects.toEqual(
      new UploadError('This file is a EXE file, whatever its name says.', 415),
    );
    const proxy = start();
    await tick();
    proxy.request.answer(502, '<html>Bad Gateway</html>');
    await expect(proxy.promise).rejects.toThrow('The service is unavailable');
  });

  it('can be cancelled, and says when the network failed', async () => {
    const controller = new AbortController();
    const cancelled = start({ signal: controller.signal });
    await tick();
    controller.abort();
    await expect(cancelled.promise).rejects.toThrow('cancelled');
    expect(cancelled.request.aborted).toBe(true);
    const offline = start();
    await tick();
    offline.request.onerror?.();
    await expect(offline.promise).rejects.toThrow('did not reach the server');
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name, then the ASCII one, then the fallback', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="Zazoc.pdf"; filename*=UTF-8''Za%C5%BC%C3%B3%C5%82%C4%87.pdf`,
      ),
    ).toBe('Zażółć.pdf');
    expect(fileNameFromDisposition('attachment; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameFromDisposition(null)).toBe('document');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A.pdf`)).toBe('document');
  });
});
