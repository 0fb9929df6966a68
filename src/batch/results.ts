import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { credentialUrlFor, learnerPageFor, verifyUrlFor } from '../issuer/issue.js';
import { qrSvg } from '../issuer/qr.js';
import { offlineQr, OFFLINE_QR_MAX_VERSION, qrSegmentsPng, qrSegmentsSvg, type OfflineQr } from '../issuer/qr-offline.js';
import type { BatchRow } from '../store/port.js';

/** One row of a batch as clients see it: its outcome and, once issued, where the credential is. */
export interface BatchRowView {
  row: number;
  studentId: string | null;
  name: string;
  template: string;
  status: BatchRow['status'];
  credentialId: string | null;
  link?: string;
  verifyUrl?: string;
  error?: string;
}

export function batchRowView(publicUrl: string, r: BatchRow): BatchRowView {
  return {
    row: r.rowNo, studentId: r.studentId, name: r.learnerName, template: `${r.templateCode}@${r.templateVersion}`, status: r.status,
    credentialId: r.credentialId,
    ...(r.credentialId ? { link: credentialUrlFor(publicUrl, r.credentialId), verifyUrl: verifyUrlFor(publicUrl, r.credentialId) } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}

/** The learner's name in Khmer, from the request the row was issued from ('' when it gave none). */
function khmerNameOf(row: BatchRow): string {
  try {
    const nameKm = (JSON.parse(row.request) as { learner?: { nameKm?: unknown } }).learner?.nameKm;
    return typeof nameKm === 'string' ? nameKm : '';
  } catch {
    return '';
  }
}

/** The results file: each row with its names, credential id, links and outcome, for Excel (BOM, CRLF). */
export function resultsCsv(publicUrl: string, rows: readonly BatchRow[], offline: ReadonlyMap<string, OfflineQr> = new Map()): string {
  const offlineText = (id: string | null) => {
    const qr = id ? offline.get(id) : undefined;
    if (!qr) return '';
    return qr.fits ? `yes (version ${qr.version})` : `no: too large (version ${qr.version} > ${OFFLINE_QR_MAX_VERSION}), link-only QR`;
  };
  const csv = Papa.unparse({
    // "learner page" is the link to send the learner: the certificate page they share and print;
    // "offline qr" whether its printed QR carries the whole credential (checkable offline).
    fields: ['row', 'student id', 'name', 'khmer name', 'credential id', 'link', 'verify url', 'learner page', 'status', 'error', 'offline qr'],
    data: rows.map((row) => {
      const r = batchRowView(publicUrl, row);
      const page = r.credentialId ? learnerPageFor(publicUrl, r.credentialId) : '';
      return [r.row, r.studentId ?? '', r.name, khmerNameOf(row), r.credentialId ?? '', r.link ?? '', r.verifyUrl ?? '', page, r.status, r.error ?? '', offlineText(r.credentialId)];
    }),
  // escapeFormulae: a name such as =HYPERLINK(…) from the uploaded sheet is text in Excel, not a formula.
  }, { newline: '\r\n', escapeFormulae: true });
  // The BOM makes Excel read the Khmer names as UTF-8.
  return `\uFEFF${csv}\r\n`;
}

/** The offline QR of each issued row's credential, from the credentials' stored vc+jwt. */
export function offlineQrs(publicUrl: string, jwts: ReadonlyMap<string, string>): Map<string, OfflineQr> {
  return new Map([...jwts].map(([id, jwt]) => [id, offlineQr(publicUrl, id, jwt)]));
}

/**
 * The QR codes to print for a batch's credentials, SVG (and PNG where the runtime can), named
 * by student id: the offline QR (the whole credential inside) where it fits, else the verify link.
 */
export async function qrZip(
  publicUrl: string, rows: readonly BatchRow[], qrPng?: (text: string) => Promise<Uint8Array>, offline: ReadonlyMap<string, OfflineQr> = new Map(),
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const row of rows) {
    if (!row.credentialId) continue;
    // Named by student id, as printed on the paper certificate; a clash keeps the row number.
    const base = (row.studentId ?? `row-${row.rowNo}`).replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const name = files[`svg/${base}.svg`] ? `${base}-row${row.rowNo}` : base;
    const url = verifyUrlFor(publicUrl, row.credentialId);
    const fitting = offline.get(row.credentialId);
    if (fitting?.fits) {
      files[`svg/${name}.svg`] = strToU8(await qrSegmentsSvg(fitting.segments));
      if (qrPng) files[`png/${name}.png`] = await qrSegmentsPng(fitting.segments);
      continue;
    }
    files[`svg/${name}.svg`] = strToU8(await qrSvg(url));
    if (qrPng) files[`png/${name}.png`] = await qrPng(url);
  }
  // SVG text compresses well; PNGs are compressed already and are stored as they are.
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: k.endsWith('.png') ? 0 : 6 }]])));
}
