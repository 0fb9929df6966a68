import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Verdict } from '../verifier/verdict.js';
import type { CheckId } from '../schemas/report.js';
import { CHECK_CODE_EN, CHECK_OUTCOME_EN } from './i18n-checks.js';
import { KM } from './i18n-km.js';
import { khmerDigits } from './khmer-digits.js';

/*
 * The two languages of the pages. English is the source; Khmer translations live in
 * i18n-km.ts with the same keys, so a missing Khmer string is a type error, not a blank.
 */

export const LANGS = ['en', 'km'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_COOKIE = 'sc_lang';

const VERDICT_EN: Record<Verdict, { word: string; line: string }> = {
  valid: { word: 'VALID · GENUINE', line: 'This certificate is genuine: issued by an accredited institute and not altered.' },
  revoked: { word: 'REVOKED', line: 'The institute has withdrawn this certificate. Do not accept it.' },
  suspended: { word: 'SUSPENDED', line: 'The institute has suspended this certificate for now. Do not accept it until it is reinstated.' },
  'revoked-or-suspended': {
    word: 'REVOKED OR SUSPENDED',
    line: 'The institute has withdrawn this certificate, or suspended it for now: its status list does not say which. Do not accept it; ask the institute.',
  },
  'status-unknown': { word: 'STATUS UNKNOWN', line: 'Whether this certificate was withdrawn could not be checked right now. Try again later before accepting it.' },
  expired: { word: 'EXPIRED', line: 'This certificate is no longer valid: its validity period has ended.' },
  'not-yet-valid': { word: 'NOT YET VALID', line: 'This certificate only becomes valid on a later date.' },
  'not-accredited': { word: 'ISSUER NOT ACCREDITED', line: 'The institute that issued this was not accredited by the Ministry when it issued it.' },
  tampered: { word: 'TAMPERED', line: 'The certificate was altered or forged: its digital signature does not match.' },
  'key-compromised': {
    word: 'ISSUER KEY COMPROMISED',
    line: 'This was signed with a key the institute has reported stolen or leaked, after that happened, so it cannot be trusted. The holder may not be at fault: ask the institute to confirm it or issue it again.',
  },
  'unknown-issuer': { word: 'UNKNOWN ISSUER', line: 'The issuer of this certificate could not be identified. Do not accept it.' },
  'not-found': { word: 'NOT FOUND', line: 'No certificate with this link was issued here. If it is printed on paper, treat it as not genuine.' },
  invalid: { word: 'NOT VALID', line: 'This is not a valid certificate.' },
};

const CHECK_EN: Record<CheckId, string> = {
  format: 'Readable credential format',
  found: 'Issued by this service',
  issuer: 'Issuer identified',
  holder: 'Holder',
  proof: 'Digital signature matches (not altered)',
  validity: 'Within its validity dates',
  revocation: 'Not revoked',
  suspension: 'Not suspended',
  accreditation: 'Issuer accredited by the Ministry',
  credentials: 'Credentials inside',
};

/** "1 row", "2 rows": English counts (Khmer nouns have no plural). */
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const EN = {
  langName: 'English',
  otherLangName: 'ខ្មែរ',
  siteName: 'skillcert',
  /** Between a label and its value (Khmer writes ៖). */
  colon: ': ',
  verdict: VERDICT_EN,
  check: CHECK_EN,
  checkStatus: { passed: 'passed', failed: 'failed', skipped: 'not checked' },
  checkOutcome: CHECK_OUTCOME_EN,
  checkCode: CHECK_CODE_EN,
  technicalDetails: 'Technical details',
  learner: 'Learner',
  achievement: 'Achievement',
  level: 'Level',
  units: 'Competency units',
  hours: 'Hours',
  grade: 'Result',
  issuedBy: 'Issued by',
  accreditedBy: (registry: string) => `Accredited by ${registry}`,
  notAccredited: 'Not accredited by the Ministry',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
  noExpiry: 'No expiry date',
  howChecked: 'How this was checked',
  checkedAt: (when: string) => `Checked ${when}`,
  compareId: 'Compare the name with the holder’s ID card.',
  claimsUnverified: 'Not verified — do not rely on these details',
  claimsWithheldTitle: 'Details not shown',
  claimsWithheldLine: 'Nothing proves who wrote the details of this certificate, so this page does not show them. Do not rely on what the paper or the file says: ask the institute that should have issued it.',
  downloadCredential: 'Download the signed credential',
  verifyAnother: 'Verify another certificate',
  notFoundTitle: 'Certificate not found',
  pageNotFound: 'Page not found',
  pageNotFoundLine: 'There is nothing at this address.',
  home: 'Verify a certificate',
  // /verify
  verifyTitle: 'Verify a certificate',
  verifyIntro: 'Scan the QR code on a certificate, or paste or upload the credential you were given.',
  scanQr: 'Scan a QR code',
  scanStart: 'Start the camera',
  scanStop: 'Stop the camera',
  scanHint: 'Point the camera at the QR code on the certificate.',
  scanUnsupported: 'This browser cannot use the camera here. Upload a photo of the QR code instead.',
  qrImage: 'Or upload a photo of the QR code',
  qrImageNotFound: 'No QR code was found in that picture. Try a sharper, closer photo.',
  pasteLabel: 'Paste a verify link, a JWT or the credential JSON',
  fileLabel: 'Or upload a credential file (.json or .jwt) or a badge image with the credential baked in (.png or .svg)',
  verifyButton: 'Verify',
  verifyEmpty: 'Paste something or choose a file first.',
  unreadable: 'This could not be read as a certificate.',
  badgeNone: 'This image has no certificate baked into it. Upload the badge image that came with the certificate, or the credential file.',
  badgeBad: 'This image cannot be read as an Open Badges badge.',
  foreignLink: 'This link belongs to another service. Open it there, or paste the credential itself.',
  presentationNotOne: 'This is a presentation of several certificates (or of none). Paste each certificate on its own.',
  result: 'Result',
  // /c/:id
  certificateOf: 'Certificate',
  certifies: 'This certifies that',
  hasAchieved: 'has successfully completed',
  issuedOn: 'Issued',
  scanToVerify: 'Scan to verify',
  scanToVerifyOffline: 'Scan to verify · works offline',
  // offline verification (src/offline/browser)
  offlineChecked: (registry: string, status: string) => `Checked offline · registry of ${registry} · status of ${status}`,
  offlineChecking: 'Checking the certificate on this phone…',
  offlineNoPayload: 'You are offline. This page checks a certificate offline only from a QR code printed with the whole certificate in it ("works offline"). Connect to check this one.',
  offlineNoKit: 'This phone has not saved the registry yet: open a verify page once with a connection, then offline checks work.',
  offlineDiffers: 'Warning: the certificate in this QR code differs from the one the institute holds. Trust the verdict above (the institute\'s own record), not the printed code.',
  offlineUnreadable: 'The QR code\'s certificate cannot be read: it is damaged or was not made by skillcert.',
  credentialId: 'Credential ID',
  share: 'Share',
  copyLink: 'Copy the link',
  copied: 'Copied',
  downloadJson: 'Download (JSON)',
  downloadJwt: 'Download (JWT)',
  downloadBadge: 'Download badge (PNG, certificate inside)',
  addLinkedIn: 'Add to LinkedIn profile',
  print: 'Print',
  statusWarning: (word: string) => `This certificate is ${word.toLowerCase()}. See the verification page.`,
  ogDescription: (achievement: string, issuer: string) => `${achievement}, issued by ${issuer}. Scan or open the link to verify it.`,
  // console
  console: 'Institute console',
  signIn: 'Sign in',
  signOut: 'Sign out',
  apiKey: 'API key',
  apiKeyHint: 'Paste your institute’s API key (it starts with sk_). It is never stored in your browser.',
  badKey: 'This key is not valid, has expired or has been revoked.',
  tooMany: 'Too many attempts. Wait a minute and try again.',
  sessionExpired: 'Your session has ended. Sign in again.',
  csrfFailed: 'This form has expired. Reload the page and try again.',
  credentials: 'Credentials',
  issueOne: 'Issue a credential',
  institutes: 'Institutes',
  search: 'Search by name, achievement or id',
  searchButton: 'Search',
  noneFound: 'No credentials found.',
  status: 'Status',
  statusWord: { active: 'active', revoked: 'revoked', suspended: 'suspended' } as Record<string, string>,
  issuedAt: 'Issued',
  previous: 'Previous',
  next: 'Next',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  open: 'Open',
  revoke: 'Revoke',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
  reason: 'Reason',
  reasonHint: 'Recorded in the audit log; not shown to the public.',
  confirmTitle: { revoke: 'Revoke this credential?', suspend: 'Suspend this credential?', reinstate: 'Reinstate this credential?' },
  confirmLine: {
    revoke: 'Revocation is permanent: the certificate will show REVOKED to everyone who checks it, and it cannot be undone.',
    suspend: 'The certificate will show SUSPENDED until you reinstate it.',
    reinstate: 'The certificate will be valid again.',
  },
  confirm: 'Yes, go ahead',
  cancel: 'Cancel',
  done: { revoke: 'The credential is revoked.', suspend: 'The credential is suspended.', reinstate: 'The credential is reinstated.' },
  history: 'History',
  issuedOk: 'The credential was issued.',
  fixErrors: 'Please fix the fields marked below.',
  learnerName: 'Learner’s name (Latin letters)',
  learnerNameKm: 'Learner’s name in Khmer',
  email: 'Email (optional; stored only as a hash)',
  phone: 'Phone (optional; stored only as a hash)',
  nationalId: 'National ID (optional; stored only as a hash)',
  achievementName: 'Achievement name',
  achievementNameKm: 'Achievement name in Khmer',
  description: 'Description',
  criteria: 'How it was earned (criteria)',
  type: 'Type',
  code: 'Code',
  field: 'Field of study',
  skills: 'Competency units, one a line: CODE | name | name in Khmer',
  dates: 'Dates',
  instituteLabel: 'Issuing institute',
  issueButton: 'Issue',
  ministryView: 'Institutes and their accreditation',
  accreditation: 'Accreditation',
  accreditedNow: 'accredited',
  notAccreditedNow: 'not accredited',
  since: 'since',
  until: 'until',
  instituteStatus: { active: 'active', suspended: 'suspended' } as Record<string, string>,
  actions: 'Actions',
  signedInAs: (label: string) => `Signed in with key “${label}”`,
  notAllowed: 'This key may not do that.',
  conflict: 'That change is not possible now.',
  // console: cohorts
  cohorts: 'Issue a cohort',
  cohortTitle: 'Issue certificates for a cohort',
  cohortHint: 'Choose the class list saved as CSV (in Excel: Save As → CSV UTF-8). Nothing is issued until you have checked it.',
  csvFileLabel: 'Class list (CSV file)',
  templateLabel: 'Programme template code (for rows that have no template code column)',
  columnsHelp: 'Columns read: learner name, Khmer name, email, phone, national id, student id, template code, completion date, result. The header names may vary; other columns are ignored.',
  sampleCsv: 'Download a sample class list (CSV UTF-8)',
  checkButton: 'Check the file',
  noFile: 'Choose a CSV file first.',
  recentCohorts: 'Recent cohorts',
  noCohorts: 'No cohort has been issued yet.',
  uploaded: 'Uploaded',
  rowsWord: 'Rows',
  checkTitle: 'Check before issuing',
  checkSummary: (rows: number, ready: number, bad: number) => `${count(rows, 'row', 'rows')}: ${ready} ready to issue, ${bad} with problems.`,
  alreadyIssuedLine: (n: number) => `${n} of the ready rows ${n === 1 ? 'was' : 'were'} issued before and will not be issued again.`,
  allIssuedBefore: (n: number) =>
    `${n === 1 ? 'The ready row was' : n === 2 ? 'Both ready rows were' : `All ${n} ready rows were`} issued before: there is nothing new to issue.`,
  problemsTitle: 'Problems to fix',
  rowNo: 'Row',
  column: 'Column',
  problem: 'Problem',
  fixAndUpload: 'Fix these in the spreadsheet and upload it again, or issue only the rows that are ready.',
  warningsTitle: 'Warnings',
  warningsLead: 'These rows can be issued, but their certificates would not read as you may expect. Check each one before issuing.',
  readyRows: 'Rows ready to issue',
  studentId: 'Student ID',
  templateWord: 'Template',
  issueAll: (n: number) => `Issue ${count(n, 'certificate', 'certificates')}`,
  issueValidOnly: (n: number) => `Issue only the ${count(n, 'ready row', 'ready rows')}`,
  uploadAgain: 'Upload another file',
  nothingToIssue: 'No row of this file can be issued.',
  cohortState: { issuing: 'Issuing…', done: 'Finished' } as Record<string, string>,
  progressLine: (done: number, total: number) => `${done} of ${count(total, 'row', 'rows')} done`,
  rowStatus: { pending: 'waiting', issued: 'issued', existing: 'issued before', failed: 'failed' } as Record<string, string>,
  downloadResults: 'Download results (CSV)',
  downloadQr: 'Download QR codes (ZIP)',
  autoRefresh: 'This page refreshes itself until every row is done.',
  moreRows: (n: number) => `…and ${count(n, 'more row', 'more rows')} in the results file.`,
  // console: wallet offers
  walletTitle: 'Add to a wallet',
  walletLead: 'An offer lets the learner put this certificate into a wallet app on their phone (Inji Wallet, the Learner Credential Wallet or another OpenID4VCI wallet), bound to that phone. It works once, for one wallet.',
  walletMake: 'Make a wallet offer',
  walletRemake: 'Make a new offer (the open one stops working)',
  walletWithdraw: 'Withdraw the offer',
  walletPin: 'PIN',
  walletPinNote: 'Give the PIN to the learner apart from the QR code (tell it, or write it on their copy). It is shown only now: make a new offer if it is lost.',
  walletQrAll: 'Scan with the Learner Credential Wallet (or another wallet that reads this link)',
  walletQrInji: 'Scan with Inji Wallet (or another OpenID4VCI wallet)',
  walletUntil: (date: string) => `Open until ${date}; it works once.`,
  walletState: {
    open: 'open', redeemed: 'being taken by a wallet', delivered: 'in a wallet', revoked: 'withdrawn', void: 'void (wrong PIN 5 times)', expired: 'expired',
  } as Record<string, string>,
  walletLatest: 'Latest offer',
  walletDeliveredTo: 'In the wallet of',
  walletNone: 'No offer has been made for this certificate.',
  walletWithdrawn: 'The offer was withdrawn.',
  walletRefused: 'A revoked or suspended certificate cannot be offered to a wallet.',
  walletBack: 'Back to the certificate',
  walletPrint: 'Print this page for the learner',
  walletLearnerLead: 'Your certificate can go into a wallet app on this phone. Open it with the wallet you use:',
  walletOpenLcw: 'Open in the Learner Credential Wallet',
  walletOpenOid4vci: 'Open in Inji Wallet or another wallet',
  walletLearnerPin: 'The wallet may ask for the PIN your institute gave you with this code. The offer works once.',
  walletClosed: 'This offer is no longer open (used, withdrawn or expired). Ask your institute for a new one.',
  walletCohort: 'Make wallet offers for this cohort (ZIP)',
  walletCohortNote: 'The ZIP holds the results sheet with each learner’s wallet offer and its PIN beside it, and the offer QR codes. Each press makes new offers and withdraws the earlier ones: the PINs are only in this download.',
};

export type Messages = typeof EN;

/** The messages of a language. */
export const t = (lang: Lang): Messages => (lang === 'km' ? KM : EN);

/**
 * The language of a request: the remembered choice (cookie), else the first of km/en that
 * the browser's Accept-Language prefers, else English.
 */
export function langOf(c: Context): Lang {
  const chosen = getCookie(c, LANG_COOKIE);
  if (chosen === 'km' || chosen === 'en') return chosen;
  return preferredLang(c.req.header('accept-language') ?? '');
}

export function preferredLang(header: string): Lang {
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'km' || tag.startsWith('km-')) return 'km';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

export { khmerDigits };

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];

/**
 * A date (the day of an ISO timestamp, in UTC) for the locale, as full ICU writes it in the
 * long style ("15 February 2026"; Khmer "១៥ កុម្ភៈ ២០២៦", with Khmer digits), built from the
 * month names here rather than by Intl: the offline page formats dates on the phone, where the
 * first Intl.DateTimeFormat of a page loads ICU's data (a quarter of a second on a slow phone)
 * and Chromium's ICU has no Khmer month names; so every runtime writes the same text.
 */
export function formatDate(iso: string | undefined | null, lang: Lang): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  const text = `${d.getUTCDate()} ${(lang === 'km' ? KHMER_MONTHS : EN_MONTHS)[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return lang === 'km' ? khmerDigits(text) : text;
}

/** A number for the locale. */
export const formatNumber = (n: number, lang: Lang): string => (lang === 'km' ? khmerDigits(String(n)) : String(n));

/** Issuer-given text in the page's language, the other language as fallback. */
export function pick(lang: Lang, en: string | undefined | null, km: string | undefined | null): string | undefined {
  return (lang === 'km' ? km || en : en || km) ?? undefined;
}
