export * from './applications.ts';
export * from './enums.ts';
export * from './identity.ts';
export * from './loans.ts';
export * from './notifications.ts';
export * from './products.ts';
export * from './rate-limits.ts';
export * from './relations.ts';
