import { CSS, DOCS_CSS } from './styles.js';
import { DOCS_JS, PAGE_JS, VERIFY_JS, offlineBootJs } from './scripts.js';
import { OFFLINE_VERIFIER_JS } from '../offline/generated/verifier-bundle.js';

/*
 * Static assets of the pages. The stylesheet and scripts are strings in the code, named by a
 * hash of their content so they can be cached for a year. Fonts and the QR decoder are files
 * of npm packages; the runtime entry reads them (AppDeps.packageAsset), so the core touches
 * no file system.
 */

/** The package files the pages use, by the name they are served under. */
export const PACKAGE_ASSETS = {
  'noto-sans-khmer-400.woff2': '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2',
  'noto-sans-khmer-700.woff2': '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-700-normal.woff2',
  'jsqr.js': 'jsqr/dist/jsQR.js',
  /** Scalar's API reference, the whole app in one file (/docs). */
  'scalar-api-reference.js': '@scalar/api-reference/dist/browser/standalone.js',
} as const;
export type PackageAssetName = keyof typeof PACKAGE_ASSETS;

/** Reads one of PACKAGE_ASSETS; null where the runtime cannot. */
export type PackageAssetReader = (name: PackageAssetName) => Promise<Uint8Array | null>;

/** FNV-1a, 32 bits: enough to tell versions of a file apart in its URL. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const OFFLINE_NAME = `offline.${shortHash(OFFLINE_VERIFIER_JS)}.js`;
const OFFLINE_BOOT_JS = offlineBootJs(OFFLINE_NAME);

const TEXT_ASSETS = [
  { key: 'css', name: `app.${shortHash(CSS)}.css`, body: CSS, type: 'text/css; charset=utf-8' },
  { key: 'page', name: `page.${shortHash(PAGE_JS)}.js`, body: PAGE_JS, type: 'text/javascript; charset=utf-8' },
  { key: 'verify', name: `verify.${shortHash(VERIFY_JS)}.js`, body: VERIFY_JS, type: 'text/javascript; charset=utf-8' },
  { key: 'offline', name: OFFLINE_NAME, body: OFFLINE_VERIFIER_JS, type: 'text/javascript; charset=utf-8' },
  { key: 'offlineBoot', name: `offline-boot.${shortHash(OFFLINE_BOOT_JS)}.js`, body: OFFLINE_BOOT_JS, type: 'text/javascript; charset=utf-8' },
  { key: 'docsCss', name: `docs.${shortHash(DOCS_CSS)}.css`, body: DOCS_CSS, type: 'text/css; charset=utf-8' },
  { key: 'docs', name: `docs.${shortHash(DOCS_JS)}.js`, body: DOCS_JS, type: 'text/javascript; charset=utf-8' },
] as const;

/** The served file names of the stylesheet and scripts. */
export const ASSET_NAMES = Object.fromEntries(TEXT_ASSETS.map((a) => [a.key, a.name])) as Record<(typeof TEXT_ASSETS)[number]['key'], string>;

export const textAsset = (name: string) => TEXT_ASSETS.find((a) => a.name === name);

export const packageAssetType = (name: PackageAssetName): string =>
  name.endsWith('.woff2') ? 'font/woff2' : 'text/javascript; charset=utf-8';

export const isPackageAsset = (name: string): name is PackageAssetName => Object.hasOwn(PACKAGE_ASSETS, name);
