import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shareCardSvg, CARD_FONT, type ShareCardInput } from '../../web/share-card.js';
import { woffToSfnt } from './woff.js';

const FACES = ['khmer-400', 'khmer-700', 'latin-400', 'latin-700'];

/**
 * Renders SVG to PNG with resvg (Rust, with HarfBuzz-grade shaping, so Khmer clusters are
 * drawn right) in the service's own font: share cards and baked badges. resvg reads fonts
 * from files only: the package's WOFF faces are unwrapped once into a directory of the temp dir.
 */
export function createSvgRenderer(fontDir = join(tmpdir(), 'skillcert-fonts')): (svg: string) => Promise<Uint8Array> {
  let fontFiles: string[] | null = null;
  const fonts = (): string[] => {
    if (fontFiles) return fontFiles;
    const require = createRequire(import.meta.url);
    mkdirSync(fontDir, { recursive: true });
    fontFiles = FACES.map((face) => {
      const file = join(fontDir, `noto-sans-khmer-${face}.ttf`);
      const woff = readFileSync(require.resolve(`@fontsource/noto-sans-khmer/files/noto-sans-khmer-${face}-normal.woff`));
      // Written aside and renamed, so another process starting at once never reads half a font.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, woffToSfnt(new Uint8Array(woff.buffer, woff.byteOffset, woff.byteLength)));
      renameSync(partial, file);
      return file;
    });
    return fontFiles;
  };
  return async (svg) => {
    const resvg = new Resvg(svg, { font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: CARD_FONT }, fitTo: { mode: 'original' } });
    return new Uint8Array(resvg.render().asPng());
  };
}

/** Renders share cards (the picture a shared link shows) to PNG. */
export function createShareCardRenderer(fontDir?: string): (input: ShareCardInput) => Promise<Uint8Array> {
  const render = createSvgRenderer(fontDir);
  return async (input) => render(shareCardSvg(input));
}
