import type { FC } from 'hono/jsx';
import type { Lang } from './i18n.js';
import { countText, insightMessages } from './i18n-insight.js';

/*
 * Bar charts drawn on the server as inline SVG (no script, no charting library): one
 * horizontal bar per item, its label above it and its number at its end, so long Khmer
 * programme names fit a 360 px phone. Each chart is an image with a title and a description
 * that reads out every figure, and the same figures follow as a table for anyone the picture
 * does not serve (a screen reader's table mode, a printout, a copy into Excel).
 */

export interface Bar {
  label: string;
  value: number;
  /** A second figure shown in the table (e.g. revoked of issued). */
  extra?: number;
  /** Drawn in the colour of a bad outcome (a verdict other than valid). */
  bad?: boolean;
}

// No viewBox: sizes are CSS pixels and bar lengths percentages of the chart's width, so the
// text stays 14 px on a phone and on a desktop alike, and the bars fill whatever width there is.
const ROW = 46;
const LABEL_Y = 17;
const BAR_Y = 24;
const BAR_H = 15;
/** The longest bar, in percent of the width: the rest is room for its number. */
const LONGEST = 82;
const MAX_LABEL = 48;

const shortened = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

export const BarChart: FC<{
  id: string;
  lang: Lang;
  title: string;
  period: string;
  bars: Bar[];
  /** Column headings of the table: the item, its figure, and the extra figure if any. */
  columns: [string, string, string?];
  /** A link to the same figures as a CSV file. */
  csv?: string;
}> = ({ id, lang, title, period, bars, columns, csv }) => {
  const t = insightMessages(lang);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * ROW + 8;
  const items = bars.map((b) => `${b.label}: ${countText(b.value, lang)}`).join('; ');
  return (
    <section class="card chart" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {bars.length === 0 ? (
        <p class="muted">{t.noData}</p>
      ) : (
        <svg
          xmlns="http://www.w3.org/2000/svg"
          role="img"
          aria-labelledby={`${id}-t ${id}-d`}
          width="100%"
          height={height}
        >
          <title id={`${id}-t`}>{t.chartOf(title, period)}</title>
          <desc id={`${id}-d`}>{t.chartDesc(items)}</desc>
          {bars.map((b, i) => {
            const y = i * ROW;
            const pct = b.value === 0 ? 0 : Math.max(0.8, (LONGEST * b.value) / max);
            const at = `${pct.toFixed(2)}%`;
            return (
              <g>
                <text x="0" y={y + LABEL_Y} font-size="14" fill="#16191d">{shortened(b.label)}</text>
                <rect x="0" y={y + BAR_Y} width={at} height={BAR_H} rx="2" fill={b.bad ? '#b42318' : '#1d5fae'} />
                <text x={at} dx="6" y={y + BAR_Y + 12.5} font-size="14" font-weight="700" fill="#16191d">{countText(b.value, lang)}</text>
              </g>
            );
          })}
        </svg>
      )}
      {bars.length > 0 && (
        <details>
          <summary>{t.figures}</summary>
          <table>
            <caption class="small">{t.chartOf(title, period)}</caption>
            <thead>
              <tr>
                <th scope="col">{columns[0]}</th>
                <th scope="col" class="num">{columns[1]}</th>
                {columns[2] && <th scope="col" class="num">{columns[2]}</th>}
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr>
                  <th scope="row">{b.label}</th>
                  <td class="num">{countText(b.value, lang)}</td>
                  {columns[2] && <td class="num">{countText(b.extra ?? 0, lang)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {csv && (
        <p class="small">
          <a href={csv} download>{t.download}</a>
        </p>
      )}
    </section>
  );
};
