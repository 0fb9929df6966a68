import type { FC } from 'hono/jsx';
import type { VerificationReport } from '../schemas/report.js';
import { verdictOf, type Verdict } from '../verifier/verdict.js';
import type { PageContext } from './layout.js';

/**
 * A verdict's word, large, breaking only between whole words: "ISSUER NOT ACCREDITED" wraps
 * at its spaces on a phone instead of running off the screen (the word turns off main's
 * break-anywhere), and a Khmer word never breaks inside itself: Khmer has no spaces, so its
 * verdicts mark their word boundaries with zero-width spaces (as Khmer writing does), and
 * each word between them is kept whole.
 */
export const VerdictWord: FC<{ word: string }> = ({ word }) => (
  <p class="word">
    {word.split(' · ').map((part, i) => (
      <>
        {i > 0 && ' · '}
        {part.includes(' ') ? part : part.split('\u200B').map((w, j) => (
          <>
            {j > 0 && <wbr />}
            <span class="nw">{w}</span>
          </>
        ))}
      </>
    ))}
  </p>
);

/** One colour, one symbol and one word that cannot be misread, then one plain sentence. */
export const VerdictBox: FC<{ p: PageContext; verdict: Verdict }> = ({ p, verdict }) => {
  const ok = verdict === 'valid';
  const words = p.m.verdict[verdict];
  return (
    <div class={`verdict ${ok ? 'v-ok' : 'v-bad'}`} role="status" data-verdict={verdict}>
      <span class="icon" aria-hidden="true">{ok ? '✓' : '✗'}</span>
      <div>
        <VerdictWord word={words.word} />
        <p>{words.line}</p>
      </div>
    </div>
  );
};

export const VerdictBanner: FC<{ p: PageContext; report: VerificationReport }> = ({ p, report }) => <VerdictBox p={p} verdict={verdictOf(report)} />;
