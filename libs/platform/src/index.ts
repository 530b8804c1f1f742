export * from './aggregates';
export * from './app-config.provider';
export * from './event-store.factory';
export * from './key-store-tombstones';
export * from './platform.module';
export * from './read-side';
export * from './matcher-placement';
