import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PACKAGE_ASSETS, type PackageAssetReader } from '../../web/assets.js';

/** Reads the pages' package assets (fonts, QR decoder) from node_modules. */
export function nodePackageAssets(): PackageAssetReader {
  const require = createRequire(import.meta.url);
  return async (name) => {
    try {
      return new Uint8Array(await readFile(require.resolve(PACKAGE_ASSETS[name])));
    } catch {
      return null;
    }
  };
}
