import { raw } from 'hono/html';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { ASSET_NAMES } from './assets.js';
import { t, type Lang, type Messages } from './i18n.js';
import { VerdictBox } from './verdict-banner.js';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  lang: Lang;
  m: Messages;
  /** The app's path prefix ('' or '/something'), for links. */
  base: string;
  publicUrl: string;
  /** This page's path under base, with its query: where the language switch returns to. */
  here: string;
}

export const pageContext = (lang: Lang, publicUrl: string, here: string): PageContext => ({
  lang, m: t(lang), base: new URL(publicUrl).pathname.replace(/\/+$/, ''), publicUrl, here,
});

export interface OpenGraph {
  title: string;
  description: string;
  url: string;
  image?: string;
  imageAlt?: string;
  /** The image is a 1200 × 630 card (a large preview), not a square icon. */
  large?: boolean;
}

export const Layout: FC<PropsWithChildren<{
  p: PageContext; title: string; og?: OpenGraph; scripts?: string[]; wide?: boolean; index?: boolean;
  /** Reload the page after this many seconds (progress that works without JavaScript). */
  refresh?: number;
  /** A verify page: installable, and it installs the offline verifier (src/offline). */
  offline?: boolean;
}>> = ({ p, title, og, scripts = [], wide, index, refresh, offline, children }) => {
  const other: Lang = p.lang === 'km' ? 'en' : 'km';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={p.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {!index && <meta name="robots" content="noindex" />}
          {refresh !== undefined && <meta http-equiv="refresh" content={String(refresh)} />}
          <title>{title}</title>
          <link rel="stylesheet" href={`${p.base}/assets/${ASSET_NAMES.css}`} />
          <link rel="icon" href={`${p.base}/favicon.ico`} sizes="32x32" />
          <link rel="icon" href={`${p.base}/favicon.svg`} type="image/svg+xml" />
          {og && (
            <>
              <meta property="og:type" content="website" />
              <meta property="og:site_name" content="skillcert" />
              <meta property="og:title" content={og.title} />
              <meta property="og:description" content={og.description} />
              <meta property="og:url" content={og.url} />
              <meta property="og:locale" content={p.lang === 'km' ? 'km_KH' : 'en_US'} />
              {og.image && <meta property="og:image" content={og.image} />}
              {og.image && og.imageAlt && <meta property="og:image:alt" content={og.imageAlt} />}
              {og.image && og.large && (
                <>
                  <meta property="og:image:type" content="image/png" />
                  <meta property="og:image:width" content="1200" />
                  <meta property="og:image:height" content="630" />
                </>
              )}
              <meta name="twitter:card" content={og.large ? 'summary_large_image' : 'summary'} />
              <meta name="description" content={og.description} />
            </>
          )}
          {offline && <link rel="manifest" href={`${p.base}/manifest.webmanifest`} />}
          {[...scripts, ...(offline ? [ASSET_NAMES.offlineBoot] : [])].map((s) => (
            <script src={`${p.base}/assets/${s}`} defer></script>
          ))}
        </head>
        <body>
          <header class="top">
            <a class="brand" href={`${p.base}/verify`}>skillcert</a>
            <a class="lang" href={`${p.base}/lang/${other}?next=${encodeURIComponent(p.here)}`} lang={other} hreflang={other}>
              {p.m.otherLangName}
            </a>
          </header>
          <main class={wide ? 'wide' : undefined}>{children}</main>
        </body>
      </html>
    </>
  );
};

/** A friendly 404 that says nothing about which ids exist. */
export const NotFoundPage: FC<{ p: PageContext; certificate?: boolean }> = ({ p, certificate }) => (
  <Layout p={p} title={certificate ? p.m.notFoundTitle : p.m.pageNotFound} offline={certificate}>
    {certificate ? (
      <VerdictBox p={p} verdict="not-found" />
    ) : (
      <div class="card">
        <h1>{p.m.pageNotFound}</h1>
        <p>{p.m.pageNotFoundLine}</p>
      </div>
    )}
    <p>
      <a class="btn" href={`${p.base}/verify`}>{p.m.verifyAnother}</a>
    </p>
  </Layout>
);
