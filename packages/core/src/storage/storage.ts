/**
 * Where document bytes live: one interface, two implementations chosen by the environment — local
 * disk under the data directory (the embedded default) and any S3-compatible object store. Keys are
 * made by the API (`documents/<organization>/<uuid>`), never from a user's file name; the
 * implementations refuse any other shape, so no path trick can reach them.
 */
import type { Readable } from 'node:stream';
import type { StorageConfig } from '../config/env.ts';
import { createLocalDiskStorage } from './local-disk.ts';
import { createS3Storage } from './s3.ts';

export interface DocumentStorage {
  /** `local` or `s3`: what the health of an upload depends on, for logs. */
  readonly kind: 'local' | 's3';
  /**
   * Stores the whole stream under `key`. Resolves once every byte is durable; if the stream errors
   * (too large, truncated) it rejects and leaves nothing under `key`.
   */
  put(key: string, body: Readable): Promise<void>;
  /** The stored bytes as a stream; `StorageObjectNotFound` when there is nothing under `key`. */
  get(key: string): Promise<Readable>;
  /** Removes the object; no error when there is none. */
  delete(key: string): Promise<void>;
  /** Releases connections (S3 client); nothing for local disk. */
  close(): void;
}

export class StorageObjectNotFound extends Error {
  constructor(key: string) {
    super(`No stored object under ${key}.`);
    this.name = 'StorageObjectNotFound';
  }
}

/** Lower-case segments of letters, digits and hyphens: no dots, no backslashes, no empty segment. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}(\/[a-z0-9][a-z0-9-]{0,63}){0,7}$/;

/** Throws unless `key` is one the API makes. A last line of defence: keys never come from users. */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Refusing a malformed storage key: ${JSON.stringify(key)}`);
}

/** The storage a configuration names (STORAGE_DRIVER): local disk by default, or S3. */
export function createStorage(config: StorageConfig): DocumentStorage {
  return config.driver === 's3' ? createS3Storage(config.s3) : createLocalDiskStorage(config.localDir);
}
