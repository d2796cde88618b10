/*
 * `npm start`: the server in demo mode (README, « Run it »), on every platform: the variable is
 * set here rather than in the npm script, where its syntax depends on the shell.
 */
process.env.REGISTRE_DEMO ??= '1';
await import('./main');
export {};
