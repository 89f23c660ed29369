/**
 * The upload pipeline against real storage (local disk here; the S3 path is exercised through the
 * API in apps/api): the type is judged by content, the size is capped while streaming, the SHA-256
 * is of exactly the stored bytes, and a refusal leaves nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLocalDiskStorage } from '../storage/local-disk.ts';
import { StorageObjectNotFound } from '../storage/storage.ts';
import { documentSamples as samples } from '../testing/documents.ts';
import { receiveUpload, SNIFF_BYTES, UploadRefused } from './upload.ts';

const root = mkdtempSync(path.join(tmpdir(), 'lending-upload-'));
const storage = createLocalDiskStorage(root);

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const inChunks = (b: Buffer, size = 65_536) =>
  Readable.from(
    Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)),
  );
let n = 0;
const key = () => `documents/test/k${++n}`;

describe('receiveUpload', () => {
  it.each([
    ['pdf', 'application/pdf', 'pdf'],
    ['png', 'image/png', 'png'],
    ['jpeg', 'image/jpeg', 'jpg'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ] as const)(
    'takes a %s, sniffed by content, with the SHA-256 of the stored bytes',
    async (kind, mime, ext) => {
      const bytes = samples[kind];
      const k = key();
      const received = await receiveUpload(inChunks(bytes, 1000), storage, k, { maxBytes: 1 << 20 });
      expect(received).toEqual({ size: bytes.length, sha256: sha(bytes), contentType: mime, extension: ext });
      const stored = readFileSync(path.join(root, k));
      expect(sha(stored)).toBe(sha(bytes));
    },
  );

  it.each([
    ['executable', /ELF/],
    ['windowsExe', /EXE/],
    ['zip', /ZIP/],
    ['text', /could not recognise/],
  ] as const)('refuses a %s whatever it is called (415), storing nothing', async (kind, message) => {
    const k = key();
    const error = await receiveUpload(inChunks(samples[kind]), storage, k, { maxBytes: 1 << 20 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UploadRefused);
    expect((error as UploadRefused).status).toBe(415);
    expect((error as Error).message).toMatch(message);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('refuses at once when the announced length is too large (413)', async () => {
    let pulled = false;
    const body = new Readable({
      read() {
        pulled = true;
        this.push(null);
      },
    });
    const error = await receiveUpload(body, storage, key(), { maxBytes: 1000, declaredLength: 1001 }).catch(
      (e) => e,
    );
    expect(error.status).toBe(413);
    expect(pulled).toBe(false);
  });

  it('refuses a body that grows past the limit while streaming (413), past the sniffed head, storing nothing', async () => {
    const big = Buffer.concat([samples.pdf, randomBytes(SNIFF_BYTES * 3)]);
    const k = key();
    const error = await receiveUpload(inChunks(big), storage, k, { maxBytes: SNIFF_BYTES * 2 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(UploadRefused);
    expect(error.status).toBe(413);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageObjectNotFound);
    expect(readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses a too-large body within the head too', async () => {
    const error = await receiveUpload(inChunks(samples.pdf), storage, key(), { maxBytes: 1024 }).catch(
      (e) => e,
    );
    expect(error.status).toBe(413);
  });

  it('refuses an empty body (400) and a body shorter than announced (400)', async () => {
    expect(
      (await receiveUpload(Readable.from([]), storage, key(), { maxBytes: 1000 }).catch((e) => e)).status,
    ).toBe(400);
    const big = Buffer.concat([samples.pdf, randomBytes(SNIFF_BYTES)]);
    const k = key();
    const cut = await receiveUpload(inChunks(big), storage, k, {
      maxBytes: 1 << 22,
      declaredLength: big.length + 10,
    }).catch((e) => e);
    expect(cut.status).toBe(400);
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('stores nothing when the connection breaks mid-stream', async () => {
    let sent = 0;
    const body = new Readable({
      read() {
        sent += 1;
        if (sent === 1) return this.push(samples.pdf);
        if (sent < 8) return this.push(randomBytes(SNIFF_BYTES / 2));
        this.destroy(new Error('aborted'));
      },
    });
    const k = key();
    const error = await receiveUpload(body, storage, k, { maxBytes: 1 << 24 }).catch((e) => e);
    expect(error).toBeInstanceOf(UploadRefused);
    expect(error.status).toBe(400);
    expect(error.cause.message).toBe('aborted');
    await expect(storage.get(k)).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('keeps two uploads at once apart', async () => {
    const a = Buffer.concat([samples.pdf, randomBytes(400_000)]);
    const b = Buffer.concat([samples.png, randomBytes(400_000)]);
    const [ra, rb] = await Promise.all([
      receiveUpload(inChunks(a, 7000), storage, 'documents/test/concurrent-a', { maxBytes: 1 << 22 }),
      receiveUpload(inChunks(b, 9000), storage, 'documents/test/concurrent-b', { maxBytes: 1 << 22 }),
    ]);
    expect([ra.sha256, rb.sha256]).toEqual([sha(a), sha(b)]);
    expect(sha(readFileSync(path.join(root, 'documents/test/concurrent-a')))).toBe(sha(a));
    expect(sha(readFileSync(path.join(root, 'documents/test/concurrent-b')))).toBe(sha(b));
  });
});
