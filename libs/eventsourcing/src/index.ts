export * from './aggregate-type';
export * from './command-context';
export * from './command-errors';
export * from './command-runner';
export * from './event-codec';
export * from './event-ids';
export * from './upcasting-codec';
