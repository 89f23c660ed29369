/**
 * Local-disk storage: one file per object under a directory (by default `<data dir>/documents`).
 * A write goes to a temporary file in the same directory tree and is renamed into place only when
 * complete, so a reader never sees half an object and a failed upload leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type DocumentStorage, StorageObjectNotFound } from './storage.ts';

export function createLocalDiskStorage(rootDir: string): DocumentStorage {
  const root = path.resolve(rootDir);
  const tmpDir = path.join(root, '.tmp');

  function fileOf(key: string): string {
    assertStorageKey(key);
    const file = path.resolve(root, key);
    // The key pattern already forbids it; checked again so no future key shape can escape the root.
    if (!file.startsWith(root + path.sep)) throw new Error(`Refusing a storage key outside the root: ${key}`);
    return file;
  }

  return {
    kind: 'local',
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(tmpDir, { recursive: true });
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
      try {
        await pipeline(body, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        // Durable before it is visible: fsync the data, then rename into place.
        const handle = await open(tmp, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tmp, file);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileOf(key);
      try {
        if (!(await stat(file)).isFile()) throw new StorageObjectNotFound(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageObjectNotFound(key);
        throw error;
      }
      return createReadStream(file) as Readable;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    close() {},
  };
}
