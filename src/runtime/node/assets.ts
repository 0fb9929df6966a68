import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ASSETS, type PackageAssetReader } from '../../web/assets.js';

/** Reads the pages' package assets (fonts, QR decoder) from node_modules. */
export function nodePackageAssets(): PackageAssetReader {
  const require = createRequire(import.meta.url);
  /** A package file, also where the package's "exports" do not list it (Scalar's browser bundle). */
  const resolve = (spec: string): string => {
    try {
      return require.resolve(spec);
    } catch {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
      const main = require.resolve(pkg);
      const root = main.slice(0, main.lastIndexOf(`node_modules/${pkg}/`) + `node_modules/${pkg}/`.length);
      return join(root, spec.slice(pkg.length + 1));
    }
  };
  return async (name) => {
    try {
      return new Uint8Array(await readFile(resolve(PACKAGE_ASSETS[name])));
    } catch {
      return null;
    }
  };
}
