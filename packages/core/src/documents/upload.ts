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
  ) {
    super('BAD_REQUEST', message);
    this.name = 'UploadRefused';
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
  const iterator = body[Symbol.asyncIterator]();
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
  async function* everything() {
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
  }
  const source = Readable.from(everything(), { objectMode: false });
  try {
    await storage.put(key, source);
  } catch (error) {
    await iterator.return?.().catch(() => {});
    await storage.delete(key).catch(() => {});
    throw error;
  }
  return { size, sha256: hash.digest('hex'), contentType, extension: ALLOWED_DOCUMENT_TYPES[contentType] };
}
