import type { FC } from 'hono/jsx';
import type { VerificationReport } from '../schemas/report.js';
import { ASSET_NAMES } from './assets.js';
import { Layout, type PageContext } from './layout.js';
import { VerdictBanner } from './verdict-banner.js';
import { ChecksList, CredentialDetails } from './verify-page.js';

/**
 * /verify: scan a QR with the camera (script), upload a photo of one (script), paste a link,
 * JWT or JSON, or upload a credential file. The form posts to the server, which renders the
 * verdict, so pasting and file upload work with JavaScript off.
 */
export const VerifyAnythingPage: FC<{
  p: PageContext;
  ministryName: string;
  text?: string;
  error?: string;
  report?: VerificationReport;
}> = ({ p, ministryName, text, error, report }) => {
  const { m, base } = p;
  return (
    <Layout p={p} title={m.verifyTitle} scripts={[ASSET_NAMES.verify]} og={{ title: m.verifyTitle, description: m.verifyIntro, url: `${p.publicUrl}/verify` }} index offline>
      {report && (
        <section aria-labelledby="result">
          <h1 id="result" class="noprint">{m.result}</h1>
          <VerdictBanner p={p} report={report} />
          <CredentialDetails p={p} report={report} ministryName={ministryName} />
          <ChecksList p={p} report={report} />
        </section>
      )}
      {!report && <h1>{m.verifyTitle}</h1>}
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      <p class="noprint">{m.verifyIntro}</p>
      <section
        id="scan"
        class="card noprint"
        hidden
        data-jsqr={`${base}/assets/jsqr.js`}
        data-hint={m.scanHint}
        data-unsupported={m.scanUnsupported}
        data-notfound={m.qrImageNotFound}
      >
        <h2>{m.scanQr}</h2>
        <div class="btns">
          <button type="button" class="btn" id="scan-start">{m.scanStart}</button>
          <button type="button" class="btn secondary" id="scan-stop" hidden>{m.scanStop}</button>
        </div>
        <video id="scan-video" hidden muted playsinline></video>
        <p id="scan-msg" class="small" aria-live="polite"></p>
        <label for="qr-image">{m.qrImage}</label>
        <input type="file" id="qr-image" accept="image/*" capture="environment" />
      </section>
      <form id="verify-form" class="card noprint" method="post" action={`${base}/verify`} enctype="multipart/form-data">
        <label for="text">{m.pasteLabel}</label>
        <textarea id="text" name="text" rows={4} spellcheck={false} autocapitalize="off" autocomplete="off">{text ?? ''}</textarea>
        <label for="file">{m.fileLabel}</label>
        <input type="file" id="file" name="file" accept=".json,.jwt,.txt,.png,.svg,application/json,application/vc,application/vc+jwt,text/plain,image/png,image/svg+xml" />
        <p class="btns">
          <button type="submit" class="btn">{m.verifyButton}</button>
        </p>
      </form>
    </Layout>
  );
};
