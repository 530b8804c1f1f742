export * from './cohort-runs/cohort-runs.projection';
export * from './directory/directory.projection';
export * from './matches/match-board.projection';
export * from './projection-catalogue';
export * from './projection-digest';
export * from './projection-rebuild';
