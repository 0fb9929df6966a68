import type { Institute } from '../store/port.js';
import { provinceByCode, sectorByCode } from './provinces.js';

/** An institute's province and sector as the API shows them: the codes, and the province's names. */
export function placeView(i: Pick<Institute, 'province' | 'sector'>) {
  const province = provinceByCode(i.province);
  return {
    province: province ? { code: province.code, name: province.name, nameKm: province.nameKm } : null,
    sector: sectorByCode(i.sector)?.code ?? null,
  };
}
