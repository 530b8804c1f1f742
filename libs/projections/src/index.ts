export * from './directory/directory.projection';
