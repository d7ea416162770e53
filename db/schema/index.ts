export * from './calls.js';
export * from './flows.js';
export * from './catalogue.js';
export * from './requests.js';
export * from './outbox.js';
export * from './queues.js';
export * from './gazetteer.js';
export * from './admin.js';
