// `npm run build`: compiles src/ into dist/ (see scripts/dist.mjs).
import { build } from './dist.mjs';

const { files, ms } = await build();
console.log(`built dist/ from src/ (${files} files, ${ms} ms)`);
