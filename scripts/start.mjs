// `npm start`: builds dist/ when it is older than src/, then runs the compiled server. The heap
// flag is on the `node` command line in package.json (the same one the `skillcert` command uses).
import { ensureBuilt } from './dist.mjs';

await ensureBuilt();
await import('../dist/runtime/node/server.js');
