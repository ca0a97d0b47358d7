/** The public library API (SPEC §8): the same rules the nodes use, for Code nodes and other programs. */
export * from './core/reasons';
export * from './core/cities';
export * from './core/vocabulary';
export * from './core/identity';
export * from './core/dates';
export * from './core/restDays';
export * from './core/money';
export * from './core/masking';
export * from './core/text';
export * from './platform';
export * from './quota';
export * from './notify';
export * from './approval';
export * from './claims';
export * from './transfer';
