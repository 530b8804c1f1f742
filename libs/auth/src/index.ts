export * from './roles';
export * from './jwt-secret';
export * from './token-service';
