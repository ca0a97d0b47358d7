export { createPlatformServer, DEMO_APP_KEY, DEMO_SECRET, DEFAULT_PORT } from './server';
export type { PlatformServer, PlatformServerOptions, WebhookConfig } from './server';
export { seedDatabase, DEMO_COMPANIES } from './seed';
export type { SeedOptions, SeedSummary } from './seed';
export { loadContract } from './contract/openapi';
