import { writeFileSync } from 'node:fs';
import { buildOfflineBundle, bundleModule } from './offline-bundle.js';

const js = await buildOfflineBundle();
writeFileSync(new URL('../src/offline/generated/verifier-bundle.ts', import.meta.url), bundleModule(js));
console.log(`src/offline/generated/verifier-bundle.ts: ${Buffer.byteLength(js)} bytes of JavaScript (UTF-8)`);
