export * from './enums.ts';
export * from './identity.ts';
export * from './relations.ts';
