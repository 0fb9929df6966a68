import { unzlibSync } from 'fflate';

/**
 * A WOFF 1.0 font as the plain OpenType (SFNT) file it wraps: each table inflated (zlib) and
 * laid out again behind a table directory. The font packages ship WOFF for browsers; the PNG
 * renderer reads only TrueType/OpenType. https://www.w3.org/TR/WOFF/
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    return {
      tag: view.getUint32(at), offset: view.getUint32(at + 4), compLength: view.getUint32(at + 8),
      origLength: view.getUint32(at + 12), checksum: view.getUint32(at + 16),
    };
  });
  const padded = (n: number) => (n + 3) & ~3;
  const headerLength = 12 + 16 * numTables;
  const out = new Uint8Array(headerLength + tables.reduce((sum, t) => sum + padded(t.origLength), 0));
  const outView = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  outView.setUint32(0, flavor);
  outView.setUint16(4, numTables);
  outView.setUint16(6, searchRange);
  outView.setUint16(8, entrySelector);
  outView.setUint16(10, numTables * 16 - searchRange);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const stored = woff.subarray(t.offset, t.offset + t.compLength);
    const data = t.compLength < t.origLength ? unzlibSync(stored) : stored;
    if (data.length !== t.origLength) throw new Error('a WOFF table does not inflate to its stated length');
    out.set(data, offset);
    const entry = 12 + i * 16;
    outView.setUint32(entry, t.tag);
    outView.setUint32(entry + 4, t.checksum);
    outView.setUint32(entry + 8, offset);
    outView.setUint32(entry + 12, t.origLength);
    offset += padded(t.origLength);
  });
  return out;
}
