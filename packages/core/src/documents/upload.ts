/**
 * The upload pipeline, in one pass over the request body and never holding it whole: the first
 * bytes (at most `SNIFF_BYTES`) are read to recognise the type by content (`file-type`, never the
 * name or the client's Content-Type), then every byte is counted against the size limit, hashed
 * (SHA-256) and streamed into storage. Anything wrong — too large, a type we do not take, empty,
 * shorter than announced, a broken connection — leaves nothing stored.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../errors.ts';
import type { DocumentStorage } from '../storage/storage.ts';

/** What we take, by sniffed MIME type, with the extension a download is named with. */
export const ALLOWED_DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
export type DocumentContentType = keyof typeof ALLOWED_DOCUMENT_TYPES;

export const ALLOWED_TYPES_SENTENCE = 'PDF, PNG, JPEG, HEIC, Word (.docx) or Excel (.xlsx)';

/**
 * How much of the start of a file the type is judged from. Office files are zip archives whose
 * type shows in their first entries; 256 KB covers them (and is the most an upload holds in memory
 * before it streams on).
 */
export const SNIFF_BYTES = 256 * 1024;

/** Refusals of an upload, with the HTTP status the route answers. */
export class UploadRefused extends DomainError {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    options?: { cause: unknown },
  ) {
    super('BAD_REQUEST', message);
    this.name = 'UploadRefused';
    if (options) this.cause = options.cause;
  }
}

export function tooLarge(maxBytes: number): UploadRefused {
  return new UploadRefused(
    413,
    `The file is too large: at most ${formatMegabytes(maxBytes)} per document. Split or compress it.`,
  );
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

export interface ReceivedUpload {
  size: number;
  sha256: string;
  contentType: DocumentContentType;
  extension: string;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** The request's Content-Length, when it sent one: refused at once if too large, checked at the end. */
  declaredLength?: number | undefined;
}

function isAllowed(mime: string | undefined): mime is DocumentContentType {
  return mime !== undefined && Object.hasOwn(ALLOWED_DOCUMENT_TYPES, mime);
}

/**
 * Streams `body` into `storage` under `key` (a key the caller made). Resolves with what was stored;
 * throws `UploadRefused` (nothing stored) or the storage's error (nothing stored either).
 */
export async function receiveUpload(
  body: AsyncIterable<Uint8Array>,
  storage: DocumentStorage,
  key: string,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const { maxBytes, declaredLength } = options;
  if (declaredLength !== undefined && declaredLength > maxBytes) throw tooLarge(maxBytes);
  const source = body[Symbol.asyncIterator]();
  // A body that breaks off (the client went away, a proxy cut it) is the client's problem, not ours:
  // a 400, distinguishable from a storage failure (which stays an error of ours).
  const iterator: AsyncIterator<Uint8Array> = {
    next: async () => {
      try {
        return await source.next();
      } catch (error) {
        throw new UploadRefused(400, 'The upload was interrupted before the whole file arrived. Try again.', {
          cause: error,
        });
      }
    },
    return: async () => (source.return ? source.return() : { done: true, value: undefined }),
  };
  const hash = createHash('sha256');
  let size = 0;
  const take = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    hash.update(chunk);
  };

  // 1. The head, to judge the type by.
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  try {
    while (headBytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      take(next.value);
      head.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      headBytes += next.value.byteLength;
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  if (size === 0) throw new UploadRefused(400, 'The file is empty.');
  const headBuffer = Buffer.concat(head, headBytes);
  const detected = await fileTypeFromBuffer(headBuffer);
  if (!isAllowed(detected?.mime)) {
    await iterator.return?.();
    throw new UploadRefused(
      415,
      detected
        ? `This file is a ${detected.ext.toUpperCase()} file, whatever its name says. We take ${ALLOWED_TYPES_SENTENCE}.`
        : `We could not recognise this file's type from its content. We take ${ALLOWED_TYPES_SENTENCE}.`,
    );
  }
  const contentType = detected.mime;

  // 2. The head again, then the rest, counted and hashed as it flows into storage.
  // What went wrong on the body's side, whatever the storage client wraps it in.
  let refusal: UploadRefused | undefined;
  async function* everything() {
    try {
      yield headBuffer;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        take(next.value);
        yield next.value;
      }
      if (declaredLength !== undefined && size !== declaredLength) {
        throw new UploadRefused(400, 'The upload was cut short. Try again.');
      }
    } catch (error) {
      if (error instanceof UploadRefused) refusal = error;
      throw error;
    }
  }
  const stream = Readable.from(everything(), { objectMode: false });
  try {
    await storage.put(key, stream);
  } catch (error) {
    await iterator.return?.().catch(() => {});
    await storage.delete(key).catch(() => {});
    throw refusal ?? error;
  }
  return { size, sha256: hash.digest('hex'), contentType, extension: ALLOWED_DOCUMENT_TYPES[contentType] };
}
