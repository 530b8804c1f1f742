export * from './cohort-runs';
export * from './cohort-schedule';
export * from './solver-thread';
export * from './waiting-newcomers';
