import { z } from 'zod';

/**
 * Cambodia's 25 provinces (the capital, Phnom Penh, and 24 provinces), by their ISO 3166-2:KH
 * codes, with the English and Khmer names the ministry uses. Institutes are placed in one of
 * them for reporting; the list is fixed (Tbong Khmum, split from Kampong Cham in 2013, is the
 * newest).
 */
export const PROVINCES = [
  { code: 'KH-12', name: 'Phnom Penh', nameKm: 'ភ្នំពេញ' },
  { code: 'KH-1', name: 'Banteay Meanchey', nameKm: 'បន្ទាយមានជ័យ' },
  { code: 'KH-2', name: 'Battambang', nameKm: 'បាត់ដំបង' },
  { code: 'KH-3', name: 'Kampong Cham', nameKm: 'កំពង់ចាម' },
  { code: 'KH-4', name: 'Kampong Chhnang', nameKm: 'កំពង់ឆ្នាំង' },
  { code: 'KH-5', name: 'Kampong Speu', nameKm: 'កំពង់ស្ពឺ' },
  { code: 'KH-6', name: 'Kampong Thom', nameKm: 'កំពង់ធំ' },
  { code: 'KH-7', name: 'Kampot', nameKm: 'កំពត' },
  { code: 'KH-8', name: 'Kandal', nameKm: 'កណ្ដាល' },
  { code: 'KH-9', name: 'Koh Kong', nameKm: 'កោះកុង' },
  { code: 'KH-10', name: 'Kratie', nameKm: 'ក្រចេះ' },
  { code: 'KH-11', name: 'Mondulkiri', nameKm: 'មណ្ឌលគិរី' },
  { code: 'KH-13', name: 'Preah Vihear', nameKm: 'ព្រះវិហារ' },
  { code: 'KH-14', name: 'Prey Veng', nameKm: 'ព្រៃវែង' },
  { code: 'KH-15', name: 'Pursat', nameKm: 'ពោធិ៍សាត់' },
  { code: 'KH-16', name: 'Ratanakiri', nameKm: 'រតនគិរី' },
  { code: 'KH-17', name: 'Siem Reap', nameKm: 'សៀមរាប' },
  { code: 'KH-18', name: 'Preah Sihanouk', nameKm: 'ព្រះសីហនុ' },
  { code: 'KH-19', name: 'Stung Treng', nameKm: 'ស្ទឹងត្រែង' },
  { code: 'KH-20', name: 'Svay Rieng', nameKm: 'ស្វាយរៀង' },
  { code: 'KH-21', name: 'Takeo', nameKm: 'តាកែវ' },
  { code: 'KH-22', name: 'Oddar Meanchey', nameKm: 'ឧត្ដរមានជ័យ' },
  { code: 'KH-23', name: 'Kep', nameKm: 'កែប' },
  { code: 'KH-24', name: 'Pailin', nameKm: 'ប៉ៃលិន' },
  { code: 'KH-25', name: 'Tbong Khmum', nameKm: 'ត្បូងឃ្មុំ' },
] as const;

export type Province = (typeof PROVINCES)[number];
export type ProvinceCode = Province['code'];
export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as unknown as readonly [ProvinceCode, ...ProvinceCode[]];

/** Who runs an institute: the state, a private owner, or a non-governmental organisation. */
export const SECTORS = [
  { code: 'public', name: 'Public', nameKm: 'សាធារណៈ' },
  { code: 'private', name: 'Private', nameKm: 'ឯកជន' },
  { code: 'ngo', name: 'NGO', nameKm: 'អង្គការមិនមែនរដ្ឋាភិបាល' },
] as const;
export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES = SECTORS.map((s) => s.code) as unknown as readonly [SectorCode, ...SectorCode[]];

// Khmer writes a subscript ដ or ត in Kandal and Oddar Meanchey either way.
const khmerFold = (s: string) => s.normalize('NFC').trim().replace(/\u17D2\u178F/g, '\u17D2\u178A');
const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
// Spellings in common use beside the official ones.
const ALIASES: Record<string, ProvinceCode> = {
  'tboung khmum': 'KH-25', 'tbaung khmum': 'KH-25', 'sihanoukville': 'KH-18', 'kampong som': 'KH-18', 'otdar meanchey': 'KH-22',
  'mondul kiri': 'KH-11', 'ratanak kiri': 'KH-16', 'rattanakiri': 'KH-16', 'krong kep': 'KH-23', 'krong pailin': 'KH-24',
  'takev': 'KH-21', 'kracheh': 'KH-10', 'banteay mean chey': 'KH-1', 'siemreap': 'KH-17', 'phnompenh': 'KH-12',
};

/** The province a client named: its code (KH-12), its English or Khmer name, any case. */
export function provinceOf(input: string): Province | undefined {
  const folded = fold(input);
  const code = ALIASES[folded] ?? folded.toUpperCase().replace(' ', '-');
  const khmer = khmerFold(input);
  return PROVINCES.find((p) => p.code === code || fold(p.name) === folded || khmerFold(p.nameKm) === khmer);
}

export const provinceByCode = (code: string | null | undefined): Province | undefined => PROVINCES.find((p) => p.code === code);
export const sectorByCode = (code: string | null | undefined) => SECTORS.find((s) => s.code === code);

const PROVINCE_HINT = `one of Cambodia's 25 provinces, by ISO 3166-2 code (e.g. KH-12) or name (e.g. "Siem Reap")`;

/** A province as a request names it, read as its code. */
export const provinceInput = z
  .string()
  .max(60)
  .transform((value, ctx) => {
    const province = provinceOf(value);
    if (!province) {
      ctx.addIssue({ code: 'custom', message: `must be ${PROVINCE_HINT}` });
      return z.NEVER;
    }
    return province.code;
  });

export const sectorInput = z.enum(SECTOR_CODES, { message: `must be one of ${SECTOR_CODES.join(', ')}` });
