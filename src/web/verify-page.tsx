import { raw } from 'hono/html';
import type { FC, PropsWithChildren } from 'hono/jsx';
import type { Check, VerificationReport } from '../schemas/report.js';
import { VERDICT_LABELS, verdictOf } from '../verifier/verdict.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Noto Sans Khmer",sans-serif;margin:0;background:#f4f5f7;color:#1b1f24;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1rem}
.verdict{border-radius:.75rem;padding:1.25rem;color:#fff;margin-bottom:1rem}
.ok{background:#0b6b2f}.bad{background:#a4161a}
.verdict h1{margin:0;font-size:1.6rem}.verdict p{margin:.25rem 0 0}
section{background:#fff;border-radius:.75rem;padding:1rem;margin-bottom:1rem}
dt{font-size:.85rem;color:#4a5260}dd{margin:0 0 .75rem;font-size:1.1rem}
li{margin-bottom:.4rem}.passed{color:#0b6b2f}.failed{color:#a4161a}.skipped{color:#6b4e00}
`;

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <>
  {raw('<!DOCTYPE html>')}
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <style>{raw(STYLE)}</style>
    </head>
    <body>
      <main>{children}</main>
    </body>
  </html>
  </>
);

function headline(checks: Check[]): string {
  const bad = checks.find((c) => c.status !== 'passed');
  if (!bad) return 'This certificate is genuine and valid.';
  return bad.message;
}

const CheckItem: FC<{ check: Check }> = ({ check }) => (
  <li>
    <strong class={check.status}>{check.status === 'passed' ? '✓' : check.status === 'failed' ? '✗' : '–'} {check.id}</strong>: {check.message}
  </li>
);

/** The page a certificate's QR code opens: the verdict first, then what was certified. */
export const VerifyPage: FC<{ report: VerificationReport; credentialUrl: string; qrSvgUrl: string }> = ({ report, credentialUrl }) => {
  const c = report.credential;
  const a = c?.achievement;
  const accreditation = report.checks.find((k) => k.id === 'accreditation');
  return (
    <Layout title={report.verified ? 'Genuine certificate' : 'NOT a valid certificate'}>
      <div class={`verdict ${report.verified ? 'ok' : 'bad'}`} role="status">
        <h1>{VERDICT_LABELS[verdictOf(report)]}</h1>
        <p>{headline(report.checks)}</p>
      </div>
      {c && (
        <section>
          <dl>
            <dt>Learner</dt>
            <dd>
              {c.learner.name ?? '—'}
              {c.learner.nameKm && <span lang="km"> · {c.learner.nameKm}</span>}
            </dd>
            {a && (
              <>
                <dt>Achievement</dt>
                <dd>
                  {a.name}
                  {a.nameKm && <span lang="km"> · {a.nameKm}</span>}
                  {a.code && <> ({a.code})</>}
                </dd>
                {a.level && (<><dt>Level</dt><dd>{a.level}</dd></>)}
                {a.skills.length > 0 && (
                  <>
                    <dt>Competency units</dt>
                    <dd>
                      <ul>
                        {a.skills.map((s) => (
                          <li>
                            {s.code && <>{s.code}: </>}
                            {s.name}
                            {s.nameKm && <span lang="km"> · {s.nameKm}</span>}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                )}
              </>
            )}
            <dt>Issued by</dt>
            <dd>
              {c.issuer.name ?? c.issuer.id}
              {c.issuer.nameKm && <span lang="km"> · {c.issuer.nameKm}</span>}
              {accreditation && (
                <div class={accreditation.status}>
                  {accreditation.status === 'passed' ? `✓ ${accreditation.message}` : `✗ ${accreditation.message}`}
                </div>
              )}
            </dd>
            <dt>Valid</dt>
            <dd>
              {c.validFrom ? `from ${c.validFrom.slice(0, 10)}` : ''}
              {c.validUntil ? ` until ${c.validUntil.slice(0, 10)}` : ' (no expiry)'}
            </dd>
          </dl>
        </section>
      )}
      <section>
        <h2>How this was checked</h2>
        <ul>
          {report.checks.map((check) => (
            <CheckItem check={check} />
          ))}
        </ul>
        <p>
          <a href={credentialUrl}>Download the signed credential</a>
        </p>
      </section>
    </Layout>
  );
};

export const NotFoundPage: FC = () => (
  <Layout title="Certificate not found">
    <div class="verdict bad" role="status">
      <h1>✗ NOT FOUND</h1>
      <p>No certificate with this link was issued here. If it is printed on a paper certificate, treat that certificate as not genuine.</p>
    </div>
  </Layout>
);
