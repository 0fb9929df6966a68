import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { ASSET_NAMES } from './assets.js';
import { EN } from './i18n.js';
import { KM } from './i18n-km.js';

/**
 * The page the service worker opens for /v/:id and /verify with no network: a frame the
 * offline verifier's script fills in (in the language last used online, switchable here).
 * Its first words say what happens in both languages, before the script runs.
 */
export const OfflineShell: FC<{ base: string; publicUrl: string }> = ({ base, publicUrl }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="en" data-public-url={publicUrl}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>skillcert</title>
        <link rel="stylesheet" href={`${base}/assets/${ASSET_NAMES.css}`} />
        <link rel="manifest" href={`${base}/manifest.webmanifest`} />
        <link rel="icon" href={`${base}/favicon.svg`} type="image/svg+xml" />
        <script src={`${base}/assets/${ASSET_NAMES.offline}`} defer></script>
      </head>
      <body data-offline-shell="">
        <header class="top">
          <a class="brand" href={`${base}/verify`}>skillcert</a>
          <a class="lang" href="#" data-offline-lang="" lang="km">{EN.otherLangName}</a>
        </header>
        <main id="offline-main">
          <p>{EN.offlineChecking}</p>
          <p lang="km">{KM.offlineChecking}</p>
        </main>
      </body>
    </html>
  </>
);
