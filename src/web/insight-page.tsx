import type { FC } from 'hono/jsx';
import type { Dashboard } from '../insight/dashboard.js';
import { provinceByCode } from '../insight/provinces.js';
import type { Verdict } from '../verifier/verdict.js';
import { ConsoleLayout, type ConsoleUser } from './console-pages.js';
import { formatDate, pick } from './i18n.js';
import { countText, insightMessages, monthLabel, percentText } from './i18n-insight.js';
import { BarChart } from './insight-charts.js';
import type { PageContext } from './layout.js';

/** An institute the ministry may narrow the page to. */
export interface InstituteChoice {
  slug: string;
  name: string;
  nameKm: string | null;
}

/**
 * The console's insight page (issue 19): the ministry sees every institute (or one it picks),
 * an institute its own. Charts are server-drawn SVG with their figures as tables; the period
 * is a plain GET form, so everything works with JavaScript off.
 */
export const InsightPage: FC<{
  p: PageContext;
  user: ConsoleUser;
  data: Dashboard;
  /** The institute shown: null for every institute (the ministry's default). */
  institute: InstituteChoice | null;
  /** The institutes the ministry may pick from (empty for an institute's key). */
  choices: InstituteChoice[];
  error?: string;
}> = ({ p, user, data, institute, choices, error }) => {
  const t = insightMessages(p.lang);
  const lang = p.lang;
  const name = (i: { name: string; nameKm: string | null }) => pick(lang, i.name, i.nameKm) ?? i.name;
  const period = t.periodText(formatDate(data.from, lang), formatDate(data.to, lang));
  const csv = (kind: 'issuance' | 'verification', groupBy: string) =>
    `${p.base}/console/insight/${kind}.csv?${new URLSearchParams({ from: data.from, to: data.to, groupBy, ...(institute ? { institute: institute.slug } : {}) })}`;
  const programme = (r: { programme?: string; programmeKm?: string | null }) => pick(lang, r.programme, r.programmeKm) ?? t.none;
  const provinceName = (code: string | null | undefined) => {
    const province = provinceByCode(code);
    return province ? (lang === 'km' ? province.nameKm : province.name) : t.notGiven;
  };
  const verdictWord = (v: string | undefined) => (v && v in p.m.verdict ? p.m.verdict[v as Verdict].word.replace(/\u200B/g, '') : (v ?? ''));
  const title = institute ? t.insightOwn(name(institute)) : t.insightAll;
  return (
    <ConsoleLayout p={p} user={user} title={t.insight}>
      <h1>{title}</h1>
      <p class="small">{t.privacy}</p>
      {error && <p class="notice bad" role="alert">{error}</p>}
      <form method="get" action={`${p.base}/console/insight`} class="card period" aria-label={t.period}>
        <div class="row">
          <p>
            <label for="from">{t.from}</label>
            <input type="date" id="from" name="from" value={data.from} required />
          </p>
          <p>
            <label for="to">{t.to}</label>
            <input type="date" id="to" name="to" value={data.to} required />
          </p>
        </div>
        {choices.length > 0 && (
          <p>
            <label for="institute">{t.institute}</label>
            <select id="institute" name="institute">
              <option value="" selected={!institute}>{t.allInstitutes}</option>
              {choices.map((c) => (
                <option value={c.slug} selected={institute?.slug === c.slug}>{name(c)}</option>
              ))}
            </select>
          </p>
        )}
        <p class="btns">
          <button type="submit" class="btn">{t.show}</button>
        </p>
      </form>

      <section class="card figures" aria-label={t.total}>
        <dl class="kpis">
          <div>
            <dt>{t.issued}</dt>
            <dd>{countText(data.totals.issued, lang)}</dd>
          </div>
          <div>
            <dt>{t.verifications}</dt>
            <dd>{countText(data.totals.verifications, lang)}</dd>
          </div>
          <div>
            <dt>{t.revocationRate}</dt>
            <dd>{percentText(data.totals.revoked, data.totals.issued, lang)}</dd>
          </div>
          <div>
            <dt>{t.pageViews}</dt>
            <dd>{countText(data.totals.pageViews, lang)}</dd>
          </div>
        </dl>
        <p class="small">{t.revocationLine(countText(data.totals.revoked, lang), countText(data.totals.issued, lang))}</p>
      </section>

      <div class="charts">
        <BarChart
          id="issued-month" lang={lang} title={t.issuedPerMonth} period={period} csv={csv('issuance', 'month')}
          columns={[t.month, t.issued, t.revoked]}
          bars={data.months.map((m) => ({ label: monthLabel(m.month, lang), value: m.issued, extra: m.revoked }))}
        />
        <BarChart
          id="verified-month" lang={lang} title={t.verificationsPerMonth} period={period} csv={csv('verification', 'month')}
          columns={[t.month, t.verifications]}
          bars={data.months.map((m) => ({ label: monthLabel(m.month, lang), value: m.verifications }))}
        />
        <BarChart
          id="issued-programme" lang={lang} title={t.issuedByProgramme} period={period} csv={csv('issuance', 'programme')}
          columns={[t.programme, t.issued, t.revoked]}
          bars={data.byProgramme.map((r) => ({ label: programme(r), value: r.issued, extra: r.revoked }))}
        />
        <BarChart
          id="issued-level" lang={lang} title={t.issuedByLevel} period={period} csv={csv('issuance', 'level')}
          columns={[t.level, t.issued, t.revoked]}
          bars={data.byLevel.map((r) => ({ label: r.level ?? t.noLevel, value: r.issued, extra: r.revoked }))}
        />
        <BarChart
          id="verified-verdict" lang={lang} title={t.verificationsByVerdict} period={period} csv={csv('verification', 'verdict')}
          columns={[t.result, t.verifications]}
          bars={data.byVerdict.map((r) => ({ label: verdictWord(r.verdict), value: r.verifications, bad: r.verdict !== 'valid' }))}
        />
        <BarChart
          id="top-verified" lang={lang} title={t.topVerified} period={period} csv={csv('verification', 'programme')}
          columns={[t.programme, t.verifications]}
          bars={data.topVerified.map((r) => ({ label: programme(r), value: r.verifications }))}
        />
        {data.byProvince && (
          <BarChart
            id="issued-province" lang={lang} title={t.issuedByProvince} period={period} csv={csv('issuance', 'province')}
            columns={[t.province, t.issued, t.revoked]}
            bars={data.byProvince.map((r) => ({ label: provinceName(r.province), value: r.issued, extra: r.revoked }))}
          />
        )}
      </div>

      {data.institutes && (
        <section class="card" aria-labelledby="by-institute">
          <h2 id="by-institute">{t.byInstitute}</h2>
          {data.institutes.length === 0 ? (
            <p class="muted">{t.noData}</p>
          ) : (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t.institute}</th>
                  <th scope="col">{t.province}</th>
                  <th scope="col" class="num">{t.issued}</th>
                  <th scope="col" class="num">{t.revocationRate}</th>
                  <th scope="col" class="num">{t.verifications}</th>
                </tr>
              </thead>
              <tbody>
                {data.institutes.map((i) => (
                  <tr data-slug={i.institute}>
                    <th scope="row" data-label={t.institute}>
                      <a href={`${p.base}/console/insight?${new URLSearchParams({ from: data.from, to: data.to, institute: i.institute })}`}>
                        {pick(lang, i.instituteName, i.instituteNameKm)}
                      </a>
                    </th>
                    <td data-label={t.province}>{provinceName(i.province)}</td>
                    <td data-label={t.issued} class="num">{countText(i.issued, lang)}</td>
                    <td data-label={t.revocationRate} class="num">{percentText(i.revoked, i.issued, lang)}</td>
                    <td data-label={t.verifications} class="num">{countText(i.verifications, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="small">
            <a href={csv('issuance', 'institute,province')} download>{t.download}</a>
          </p>
        </section>
      )}
    </ConsoleLayout>
  );
};
