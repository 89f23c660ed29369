/**
 * S3-compatible storage (AWS S3, Cloudflare R2, MinIO, …) through the AWS SDK v3. Uploads stream
 * through `@aws-sdk/lib-storage`'s `Upload` (multipart in 5 MB parts, two in flight: at most about
 * 10 MB of an upload is in memory at once); a failed upload aborts its multipart upload and the key
 * is deleted, so nothing partial remains.
 *
 * Checksums are sent only when an operation requires them: with the SDK's default
 * (`WHEN_SUPPORTED`) a streamed body is sent `aws-chunked` with a trailing checksum, which some
 * S3-compatible servers store as data (see STACK-next.md §1).
 */

import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3StorageConfig } from '../config/env.ts';
import { assertStorageKey, type DocumentStorage, StorageObjectNotFound } from './storage.ts';

export function createS3Storage(config: S3StorageConfig): DocumentStorage {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectKey = (key: string) => {
    assertStorageKey(key);
    return `${config.prefix}${key}`;
  };

  return {
    kind: 's3',
    async put(key, body) {
      const Key = objectKey(key);
      const upload = new Upload({
        client,
        params: { Bucket: config.bucket, Key, Body: body, ContentType: 'application/octet-stream' },
        partSize: 5 * 1024 * 1024,
        queueSize: 2,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // A single-part upload that failed after sending, or an aborted multipart upload: make sure.
        await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key })).catch(() => {});
        throw error;
      }
    },
    async get(key) {
      try {
        const { Body } = await client.send(
          new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }),
        );
        if (!Body) throw new StorageObjectNotFound(key);
        return Body as Readable;
      } catch (error) {
        if (
          error instanceof NoSuchKey ||
          (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
        ) {
          throw new StorageObjectNotFound(key);
        }
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
    },
    close() {
      client.destroy();
    },
  };
}
