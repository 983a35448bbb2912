export * from './policy';
export * from './logs';
export * from './http';
export * from './metrics';
export * from './replay';
