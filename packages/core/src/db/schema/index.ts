export * from './enums.ts';
export * from './identity.ts';
export * from './rate-limits.ts';
export * from './relations.ts';
