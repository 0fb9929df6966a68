import type { Lang } from './i18n.js';
import { khmerDigits } from './khmer-digits.js';

/*
 * The words of the insight pages (issue 19) and the learner page's verification count, in
 * both languages. Kept beside i18n.ts so that the same keys in each language are checked by
 * the type of INSIGHT_EN.
 */

const INSIGHT_EN = {
  insight: 'Insight',
  insightAll: 'Insight: every institute',
  insightOwn: (institute: string) => `Insight: ${institute}`,
  privacy: 'Counts only. Nothing about the people who verify is kept: no address, no browser, no cookie, no time of day.',
  period: 'Period',
  from: 'From',
  to: 'To',
  show: 'Show',
  institute: 'Institute',
  allInstitutes: 'All institutes',
  issuedPerMonth: 'Certificates issued per month',
  issuedByProgramme: 'Issued by programme',
  issuedByLevel: 'Issued by CQF level',
  issuedByProvince: 'Issued by province',
  byInstitute: 'By institute',
  verificationsPerMonth: 'Verifications per month',
  verificationsByVerdict: 'Verifications by result',
  topVerified: 'Most verified programmes',
  revocationRate: 'Revocation rate',
  revocationLine: (revoked: string, issued: string) => `${revoked} of ${issued} certificates issued in this period have been revoked.`,
  month: 'Month',
  programme: 'Programme',
  level: 'Level',
  province: 'Province',
  sector: 'Sector',
  result: 'Result',
  issued: 'Issued',
  revoked: 'Revoked',
  verifications: 'Verifications',
  pageViews: 'Learner page views',
  shareCards: 'Share cards',
  total: 'Total',
  none: '(none)',
  noLevel: '(no level)',
  notGiven: '(not given)',
  noData: 'Nothing in this period.',
  figures: 'The figures as a table',
  download: 'Download (CSV)',
  downloads: 'Download for Excel',
  chartOf: (title: string, period: string) => `${title}, ${period}`,
  chartDesc: (items: string) => `Bar chart. ${items}.`,
  periodText: (from: string, to: string) => `${from} to ${to}`,
  badPeriod: 'The period is not valid: choose a start date on or before the end date, at most five years apart.',
  verifiedTimes: (n: string) => `This certificate has been verified ${n} times.`,
  verifiedOnce: 'This certificate has been verified once.',
  verifiedNever: 'This certificate has not been verified yet.',
  verifiedNote: 'A count only: who verified it is not recorded.',
};

export type InsightMessages = typeof INSIGHT_EN;

const INSIGHT_KM: InsightMessages = {
  insight: 'ស្ថិតិ',
  insightAll: 'ស្ថិតិ៖ គ្រប់វិទ្យាស្ថាន',
  insightOwn: (institute) => `ស្ថិតិ៖ ${institute}`,
  privacy: 'មានតែចំនួនប៉ុណ្ណោះ។ មិនរក្សាទុកអ្វីអំពីអ្នកផ្ទៀងផ្ទាត់ទេ៖ គ្មានអាសយដ្ឋាន គ្មានកម្មវិធីរុករក គ្មានខូគី គ្មានម៉ោង។',
  period: 'រយៈពេល',
  from: 'ពី',
  to: 'ដល់',
  show: 'បង្ហាញ',
  institute: 'វិទ្យាស្ថាន',
  allInstitutes: 'គ្រប់វិទ្យាស្ថាន',
  issuedPerMonth: 'វិញ្ញាបនបត្រដែលបានចេញក្នុងមួយខែ',
  issuedByProgramme: 'បានចេញតាមកម្មវិធីសិក្សា',
  issuedByLevel: 'បានចេញតាមកម្រិត CQF',
  issuedByProvince: 'បានចេញតាមខេត្ត',
  byInstitute: 'តាមវិទ្យាស្ថាន',
  verificationsPerMonth: 'ការផ្ទៀងផ្ទាត់ក្នុងមួយខែ',
  verificationsByVerdict: 'ការផ្ទៀងផ្ទាត់តាមលទ្ធផល',
  topVerified: 'កម្មវិធីសិក្សាដែលត្រូវបានផ្ទៀងផ្ទាត់ច្រើនជាងគេ',
  revocationRate: 'អត្រាដកហូត',
  revocationLine: (revoked, issued) => `វិញ្ញាបនបត្រ ${revoked} ក្នុងចំណោម ${issued} ដែលបានចេញក្នុងរយៈពេលនេះ ត្រូវបានដកហូត។`,
  month: 'ខែ',
  programme: 'កម្មវិធីសិក្សា',
  level: 'កម្រិត',
  province: 'ខេត្ត',
  sector: 'វិស័យ',
  result: 'លទ្ធផល',
  issued: 'បានចេញ',
  revoked: 'បានដកហូត',
  verifications: 'ការផ្ទៀងផ្ទាត់',
  pageViews: 'ការមើលទំព័រអ្នកសិក្សា',
  shareCards: 'កាតចែករំលែក',
  total: 'សរុប',
  none: '(គ្មាន)',
  noLevel: '(គ្មានកម្រិត)',
  notGiven: '(មិនបានបញ្ជាក់)',
  noData: 'គ្មានទិន្នន័យក្នុងរយៈពេលនេះទេ។',
  figures: 'តួលេខជាតារាង',
  download: 'ទាញយក (CSV)',
  downloads: 'ទាញយកសម្រាប់ Excel',
  chartOf: (title, period) => `${title}, ${period}`,
  chartDesc: (items) => `គំនូសតាងរបារ។ ${items}។`,
  periodText: (from, to) => `ពី ${from} ដល់ ${to}`,
  badPeriod: 'រយៈពេលមិនត្រឹមត្រូវ៖ សូមជ្រើសរើសថ្ងៃចាប់ផ្ដើមមុន ឬស្មើថ្ងៃបញ្ចប់ ហើយមិនលើសពីប្រាំឆ្នាំ។',
  verifiedTimes: (n) => `វិញ្ញាបនបត្រនេះត្រូវបានផ្ទៀងផ្ទាត់ ${n} ដង។`,
  verifiedOnce: 'វិញ្ញាបនបត្រនេះត្រូវបានផ្ទៀងផ្ទាត់ ១ ដង។',
  verifiedNever: 'វិញ្ញាបនបត្រនេះមិនទាន់ត្រូវបានផ្ទៀងផ្ទាត់នៅឡើយទេ។',
  verifiedNote: 'មានតែចំនួនប៉ុណ្ណោះ៖ មិនកត់ត្រាថាអ្នកណាបានផ្ទៀងផ្ទាត់ទេ។',
};

export const insightMessages = (lang: Lang): InsightMessages => (lang === 'km' ? INSIGHT_KM : INSIGHT_EN);

const MONTHS_KM = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03" as the page writes a month: "Mar 2026", or "មីនា ២០២៦". */
export function monthLabel(month: string, lang: Lang): string {
  const [year = '', mm = '1'] = month.split('-');
  const index = Math.max(0, Math.min(11, Number(mm) - 1));
  return lang === 'km' ? `${MONTHS_KM[index]} ${khmerDigits(year)}` : `${MONTHS_EN[index]} ${year}`;
}

/** A whole number for the page: grouped thousands, Khmer digits on Khmer pages. */
export function countText(n: number, lang: Lang): string {
  const grouped = Math.round(n).toLocaleString('en-US');
  return lang === 'km' ? khmerDigits(grouped) : grouped;
}

/** A share as a percentage with one decimal, Khmer digits on Khmer pages. */
export function percentText(part: number, whole: number, lang: Lang): string {
  const text = `${whole === 0 ? '0' : ((100 * part) / whole).toFixed(1)}%`;
  return lang === 'km' ? khmerDigits(text) : text;
}
