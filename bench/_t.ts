import { readFileSync } from 'node:fs';
import { encodeOfflinePayload, decodeOfflinePayload } from '../src/offline/payload.js';
const { header, payload } = JSON.parse(readFileSync('/tmp/o16/sample.json', 'utf8'));
const b = (s: string) => Buffer.from(s).toString('base64url');
const jwt = `${b(header)}.${b(payload)}.${Buffer.alloc(64, 7).toString('base64url')}`;
const p = encodeOfflinePayload(jwt);
console.log('digits', p.length - 3, 'bytes', Math.round((p.length - 3) / 17 * 7));
console.log(decodeOfflinePayload(p) === jwt);
