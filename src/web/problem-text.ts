import type { Lang } from './i18n.js';
import { khmerDigits } from './khmer-digits.js';

/*
 * A batch file's problems are written in English by the validator (the API's clients read
 * them there). The console shows them in Khmer too: each known message shape has its Khmer
 * form here; a message without one is shown as it is, never dropped.
 */
/** "from 2026-01-01 until 2026-02-20, from …" (describeSpans) in Khmer. */
const khmerSpans = (spans: string): string =>
  spans === 'at no time' ? 'មិនដែល' : spans.replace(/from /g, ' ពី ').replace(/ until /g, ' ដល់ ').replace(/,/g, '');

const KM: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^is required$/, () => 'ត្រូវតែបំពេញ'],
  [/^must not be empty$/, () => 'មិនអាចទទេបានទេ'],
  [/^must be at most (\d+) characters$/, (n) => `មិនអាចលើសពី ${khmerDigits(n)} តួអក្សរទេ`],
  [/^must not contain control characters$/, () => 'មិនអាចមានតួអក្សរបញ្ជាបានទេ'],
  [/^a student id or an email is required$/, () => 'ត្រូវការអត្តលេខសិក្ខាកាម ឬអ៊ីមែល'],
  [/^no template with code "(.*)"$/s, (code) => `គ្មានគំរូដែលមានកូដ «${code}» ទេ`],
  [/^repeats row (\d+) \(same learner, template and completion date\)$/, (n) => `ស្ទួននឹងជួរ ${khmerDigits(n)} (អ្នកសិក្សា គំរូ និងកាលបរិច្ឆេទបញ្ចប់ដូចគ្នា)`],
  [/^(.*) is in the future$/s, (d) => `${d} ជាថ្ងៃនាពេលអនាគត`],
  [/^"(.*)" is not a date such as 2026-02-15 or 15\/02\/2026$/s, (d) => `«${d}» មិនមែនជាកាលបរិច្ឆេទត្រឹមត្រូវទេ។ សូមសរសេរដូចជា 2026-02-15 ឬ 15/02/2026។`],
  [/^must be an email address$/, () => 'ត្រូវតែជាអាសយដ្ឋានអ៊ីមែល'],
  [/^must be a phone number such as .*$/, () => 'ត្រូវតែជាលេខទូរស័ព្ទ ដូចជា 012 345 678 ឬ +855 12 345 678'],
  [/^must be 6 to 20 letters or digits .*$/, () => 'ត្រូវតែជាអក្សរ ឬលេខពី ៦ ដល់ ២០ ខ្ទង់ (លេខអត្តសញ្ញាណប័ណ្ណសញ្ជាតិខ្មែរមាន ៩ ខ្ទង់)'],
  [/^missing column "(.*)"$/s, (c) => `ខ្វះជួរឈរ «${c}»`],
  [/^names the same column as "(.*)"$/s, (c) => `ស្ទួននឹងជួរឈរ «${c}»`],
  [/^needs a "student id" or an "email" column to tell learners apart$/, () => 'ត្រូវការជួរឈរ «student id» ឬ «email» ដើម្បីសម្គាល់សិក្ខាកាមម្នាក់ៗ'],
  [/^the file has no header row$/, () => 'ឯកសារនេះគ្មានជួរក្បាលតារាង (ឈ្មោះជួរឈរ) ទេ'],
  [/^(.*) was not accredited on (\S+) \(accredited (.*?)\): a certificate with this completion date would verify as ISSUER NOT ACCREDITED/s, (name, date, spans) =>
    `${name} មិនត្រូវបានក្រសួងទទួលស្គាល់នៅថ្ងៃ ${date} ទេ (ទទួលស្គាល់${khmerSpans(spans)})៖ វិញ្ញាបនបត្រដែលមានកាលបរិច្ឆេទបញ្ចប់នេះ នឹងបង្ហាញថា «គ្រឹះស្ថានមិនត្រូវបានទទួលស្គាល់»។ ប្រសិនបើកាលបរិច្ឆេទត្រឹមត្រូវ ការទទួលស្គាល់ត្រូវតែកត់ត្រាឱ្យគ្របដណ្តប់ថ្ងៃនេះ (សម្រាប់វិទ្យាស្ថានលំនាំដើម៖ INSTITUTE_ACCREDITED_FROM)។`],
  [/^letters were replaced by "\?": the file was saved as plain "CSV"/, () =>
    'អក្សរត្រូវបានជំនួសដោយ «?»៖ ឯកសារត្រូវបានរក្សាទុកជា «CSV» ធម្មតា ដែលធ្វើឱ្យបាត់អក្សរខ្មែរ។ នៅក្នុង Excel សូមរក្សាទុកជា «CSV UTF-8 (Comma delimited)» ហើយផ្ទុកឡើងម្តងទៀត។'],
];

/** A batch problem's message in the page's language (English as written, Khmer where known). */
export function problemText(lang: Lang, message: string): string {
  if (lang !== 'km') return message;
  for (const [pattern, say] of KM) {
    const m = pattern.exec(message);
    if (m) return say(...m.slice(1));
  }
  return message;
}
