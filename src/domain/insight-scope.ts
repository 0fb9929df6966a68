import type { Scope } from '../insight/report.js';
import type { ApiToken, Store } from '../store/port.js';
import { ok, refuse, type Outcome } from './refusal.js';
import { actsFor } from './tenancy.js';

/**
 * Whose figures a token reads: the ministry's, every institute's (or the one it names with
 * ?institute=slug); an institute key's, its own (another institute's slug is "not found",
 * as if it did not exist).
 */
export async function insightScope(store: Pick<Store, 'getInstitute' | 'getInstituteBySlug'>, token: ApiToken, slug: string | undefined): Promise<Outcome<Scope>> {
  if (slug === undefined || slug === '') {
    if (token.role === 'admin') return ok({ instituteId: null, slug: null });
    const own = token.instituteId ? await store.getInstitute(token.instituteId) : null;
    if (!own) return refuse('not_found', 'no such institute');
    return ok({ instituteId: own.id, slug: own.slug });
  }
  const institute = await store.getInstituteBySlug(slug);
  if (!institute || !actsFor(token, institute.id)) return refuse('not_found', 'no such institute');
  return ok({ instituteId: institute.id, slug: institute.slug });
}
