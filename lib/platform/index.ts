export * from './signing';
export * from './request';
export * from './idempotency';
export * from './problems';
