/** Where a running local server tells other local tools (the CLI, the DB admin UI) how to reach its engine. */
export const ENGINE_FILE = 'engine.json';
