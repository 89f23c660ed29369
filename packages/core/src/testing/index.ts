export * from './documents.ts';
export * from './factories.ts';
export * from './fake-clerk-api.ts';
export * from './identity.ts';
export * from './neon-ws-bridge.ts';
export * from './s3.ts';
export * from './test-database.ts';
