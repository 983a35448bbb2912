/** Neural network architectures as data: the spec, its fields, presets, and the validating summary. */
export * from './fields';
export * from './spec';
export * from './shapes';
export * from './summary';
export * from './presets';
export * from './families';
