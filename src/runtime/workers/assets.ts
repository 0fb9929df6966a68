// The pages' package files (Khmer font, QR decoder) bundled into the Worker by wrangler's
// module rules (wrangler.toml: .woff2 as Data, jsQR.js as Text): Workers have no file system.
import font400 from '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2';
import font700 from '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-700-normal.woff2';
import jsqr from 'jsqr/dist/jsQR.js';
// Not in the package's "exports", so named by its path (wrangler.toml bundles it as Text).
import scalar from '../../../node_modules/@scalar/api-reference/dist/browser/standalone.js';
import type { PackageAssetName, PackageAssetReader } from '../../web/assets.js';

const FILES: Record<PackageAssetName, Uint8Array> = {
  'noto-sans-khmer-400.woff2': new Uint8Array(font400),
  'noto-sans-khmer-700.woff2': new Uint8Array(font700),
  'jsqr.js': new TextEncoder().encode(jsqr),
  'scalar-api-reference.js': new TextEncoder().encode(scalar),
};

export const workerPackageAssets: PackageAssetReader = async (name) => FILES[name] ?? null;
