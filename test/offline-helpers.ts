import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { sampleRequest } from './helpers.js';

export function decodeQrPng(bytes: Uint8Array): string | null {
  const png = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}

/** The README's example: Khmer and English names, two skills, a result, a status entry. */
export const readmeExample = () => ({
  learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'dara@example.com' },
  achievement: {
    name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី',
    description: 'Installs and tests low-voltage wiring in residential buildings.',
    criteria: 'Passed the practical and written assessment of all units.',
    type: 'Certificate', code: 'ELC-L2', level: 'CQF Level 2', hours: 600,
    skills: [
      { code: 'ELC-U01', name: 'Install wiring systems', nameKm: 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង' },
      { code: 'ELC-U02', name: 'Test electrical circuits', nameKm: 'សាកល្បងសៀគ្វីអគ្គិសនី' },
    ],
  },
  validFrom: '2026-02-15',
  validUntil: '2031-12-31',
  result: 'Competent',
});

/** A credential too large for a printed offline QR: long texts, many units. */
export const tooLargeExample = () => {
  const base = sampleRequest();
  return {
    ...base,
    achievement: {
      ...base.achievement,
      description: 'A long programme description that no dictionary predicts. '.repeat(12),
      skills: Array.from({ length: 24 }, (_, i) => ({ code: `UNIT-${i}-${'x'.repeat(i)}`, name: `Competency unit number ${i} of a very long programme ${i * 7919}` })),
    },
  };
};

