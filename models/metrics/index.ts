export * from './regression';
export * from './classification';
export * from './conformal';
