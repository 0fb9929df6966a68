import type { FC } from 'hono/jsx';
import { WEBHOOK_EVENT_TYPES, type Institute, type WebhookAttempt, type WebhookDelivery, type WebhookEndpoint } from '../store/port.js';
import { ConsoleLayout, Csrf, type ConsoleUser } from './console-pages.js';
import { pick } from './i18n.js';
import { webhookMessages } from './i18n-webhooks.js';
import { khmerDigits } from './khmer-digits.js';
import type { PageContext } from './layout.js';

/*
 * The console's webhook pages (issue 18): the endpoints with a form to add one, the secret
 * shown once, and one endpoint's actions and delivery log. Plain forms: no JavaScript needed.
 */

/** A moment as the log shows it: date and time (UTC), Khmer digits on Khmer pages. */
const when = (iso: string | null, p: PageContext): string => {
  if (!iso) return '';
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return p.lang === 'km' ? khmerDigits(text) : text;
};

export interface EndpointRow {
  endpoint: WebhookEndpoint;
  institute: Institute | null;
}

const StatePill: FC<{ p: PageContext; paused: boolean }> = ({ p, paused }) => {
  const t = webhookMessages(p.lang);
  return <span class={`pill ${paused ? 'p-suspended' : 'p-active'}`}>{paused ? t.paused : t.active}</span>;
};

export const WebhooksPage: FC<{
  p: PageContext; user: ConsoleUser; rows: EndpointRow[]; institutes: Institute[]; error?: string; values?: { url?: string; description?: string; events?: string[]; institute?: string };
}> = ({ p, user, rows, institutes, error, values = {} }) => {
  const t = webhookMessages(p.lang);
  const chosen = new Set(values.events ?? ['credential.issued', 'credential.revoked']);
  return (
    <ConsoleLayout p={p} user={user} title={t.webhooks}>
      <h1>{t.webhooks}</h1>
      <p class="small">{t.intro}</p>
      {rows.length === 0 ? <p>{t.none}</p> : (
        <table class="stack">
          <thead>
            <tr><th>{t.endpoint}</th><th>{t.events}</th><th>{t.state}</th></tr>
          </thead>
          <tbody>
            {rows.map(({ endpoint: e, institute }) => (
              <tr data-endpoint={e.id}>
                <td data-label={t.endpoint}>
                  <a href={`${p.base}/console/webhooks/${e.id}`} class="code">{e.url}</a>
                  {e.description && <><br /><span class="small">{e.description}</span></>}
                  {user.isMinistry && <><br /><span class="small">{institute ? pick(p.lang, institute.name, institute.nameKm) : t.everyInstitute}</span></>}
                </td>
                <td data-label={t.events}>
                  <ul class="small">{e.events.map((ev) => <li>{t.eventNames[ev]}</li>)}</ul>
                </td>
                <td data-label={t.state}><StatePill p={p} paused={e.pausedAt !== null} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t.add}</h2>
      {error && <p class="notice bad" role="alert">{error}</p>}
      <form class="card" method="post" action={`${p.base}/console/webhooks`}>
        <Csrf token={user.csrf} />
        <label for="url">{t.url}</label>
        <input id="url" name="url" type="url" inputmode="url" required maxlength={2048} placeholder="https://" value={values.url ?? ''} aria-describedby="url-hint" />
        <p class="small" id="url-hint">{t.urlHint}</p>
        <label for="description">{t.description}</label>
        <input id="description" name="description" type="text" maxlength={200} value={values.description ?? ''} />
        {user.isMinistry && (
          <>
            <label for="institute">{t.forInstitute}</label>
            <select id="institute" name="institute">
              <option value="">{t.everyInstitute}</option>
              {institutes.map((i) => <option value={i.slug} selected={values.institute === i.slug}>{pick(p.lang, i.name, i.nameKm)}</option>)}
            </select>
          </>
        )}
        <fieldset>
          <legend>{t.events}</legend>
          {WEBHOOK_EVENT_TYPES.map((ev) => (
            <label class="check">
              <input type="checkbox" name="events" value={ev} checked={chosen.has(ev)} /> {t.eventNames[ev]}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn">{t.save}</button>
      </form>
    </ConsoleLayout>
  );
};

export const WebhookSecretPage: FC<{ p: PageContext; user: ConsoleUser; endpoint: WebhookEndpoint; secret: string }> = ({ p, user, endpoint, secret }) => {
  const t = webhookMessages(p.lang);
  return (
    <ConsoleLayout p={p} user={user} title={t.secretTitle}>
      <h1>{t.secretTitle}</h1>
      <p class="code">{endpoint.url}</p>
      <p class="notice" role="status">{t.secretOnce}</p>
      <p><code id="secret" class="code wrap">{secret}</code></p>
      <p><a class="btn secondary" href={`${p.base}/console/webhooks/${endpoint.id}`}>{t.details}</a></p>
    </ConsoleLayout>
  );
};

export const WebhookDetailPage: FC<{
  p: PageContext; user: ConsoleUser; endpoint: WebhookEndpoint; institute: Institute | null; deliveries: WebhookDelivery[]; attempts: WebhookAttempt[];
  notice?: string; error?: string;
}> = ({ p, user, endpoint: e, institute, deliveries, attempts, notice, error }) => {
  const t = webhookMessages(p.lang);
  const action = (name: string, label: string, secondary = true) => (
    <form method="post" action={`${p.base}/console/webhooks/${e.id}/${name}`} class="inline">
      <Csrf token={user.csrf} />
      <button type="submit" class={secondary ? 'btn secondary' : 'btn'}>{label}</button>
    </form>
  );
  const previous = e.previousUntil && e.previousUntil > new Date().toISOString() ? e.previousUntil : null;
  return (
    <ConsoleLayout p={p} user={user} title={t.webhooks}>
      <p><a href={`${p.base}/console/webhooks`}>← {t.back}</a></p>
      <h1 class="code wrap">{e.url}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      {error && <p class="notice bad" role="alert">{error}</p>}
      <section class="card">
        <p><StatePill p={p} paused={e.pausedAt !== null} /> {e.description}</p>
        {user.isMinistry && <p class="small">{t.forInstitute}: {institute ? pick(p.lang, institute.name, institute.nameKm) : t.everyInstitute}</p>}
        <ul class="small">{e.events.map((ev) => <li>{t.eventNames[ev]}</li>)}</ul>
        {previous && <p class="small">{t.previousUntil(when(previous, p))}</p>}
        <div class="actions">
          {action('test', t.sendTest, false)}
          {e.pausedAt ? action('resume', t.resume) : action('pause', t.pause)}
          {action('rotate', t.rotate)}
        </div>
        {/* Deleting asks once more, without JavaScript: the button is inside a closed details. */}
        <details>
          <summary class="btn secondary">{t.remove}</summary>
          <p>{t.removeConfirm}</p>
          {action('delete', t.remove, false)}
        </details>
        <p class="small">{t.rotateNote}</p>
      </section>
      <h2>{t.deliveries}</h2>
      {deliveries.length === 0 ? <p>{t.noDeliveries}</p> : (
        <table class="stack">
          <thead><tr><th>{t.event}</th><th>{t.when}</th><th>{t.state}</th><th>{t.tries}</th></tr></thead>
          <tbody>
            {deliveries.map((d) => (
              <tr data-event={d.event.id}>
                <td data-label={t.event}><span class="code">{d.event.type}</span><br /><span class="small code">{d.event.id}</span></td>
                <td data-label={t.when}>{when(d.event.at, p)}</td>
                <td data-label={t.state}>
                  <span class={`pill ${d.state === 'delivered' ? 'p-active' : d.state === 'failed' ? 'p-revoked' : 'p-suspended'}`}>{t.deliveryState[d.state]}</span>
                  {d.state === 'pending' && d.attempts > 0 && <><br /><span class="small">{t.nextTry(when(d.nextAttemptAt, p))}</span></>}
                  {d.lastError && d.state !== 'delivered' && <><br /><span class="small">{d.lastError}</span></>}
                  {d.state === 'failed' && (
                    <form method="post" action={`${p.base}/console/webhooks/${e.id}/retry`} class="inline">
                      <Csrf token={user.csrf} />
                      <input type="hidden" name="event" value={d.event.id} />
                      <button type="submit" class="btn secondary">{t.retry}</button>
                    </form>
                  )}
                </td>
                <td data-label={t.tries}>{t.number(d.attempts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attempts.length > 0 && (
        <>
          <h2>{t.attempts}</h2>
          <table class="stack">
            <thead><tr><th>{t.when}</th><th>{t.event}</th><th>{t.answer}</th></tr></thead>
            <tbody>
              {attempts.map((a) => (
                <tr>
                  <td data-label={t.when}>{when(a.at, p)}</td>
                  <td data-label={t.event}><span class="code">{a.eventType}</span></td>
                  <td data-label={t.answer}>
                    <strong>{a.status ?? t.noAnswer}</strong> · {t.number(a.ms)} ms
                    {a.error && <><br /><span class="small">{a.error}</span></>}
                    {a.response && <><br /><code class="small wrap">{a.response.slice(0, 200)}</code></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </ConsoleLayout>
  );
};
