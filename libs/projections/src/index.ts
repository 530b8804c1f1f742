export * from './directory/directory.projection';
export * from './matches/match-board.projection';
