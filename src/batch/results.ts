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

/** A row's wallet offer, as the results sheet and the QR zip print it (the PIN beside the offer). */
export interface RowOffer {
  /** The interaction URL the offer's QR encodes. */
  url: string;
  txCode: string;
  expiresAt: string;
}

/**
 * The results file: each row with its names, credential id, links and outcome, for Excel (BOM,
 * CRLF); with `offers`, each row's wallet offer and its PIN beside it (made for this download);
 * with `offline`, whether each row's printed QR carries the whole credential (issue 16).
 */
export function resultsCsv(
  publicUrl: string, rows: readonly BatchRow[], offers?: ReadonlyMap<number, RowOffer>, offline?: ReadonlyMap<string, OfflineQr>,
): string {
  const offlineText = (id: string | null) => {
    const qr = id ? offline?.get(id) : undefined;
    if (!qr) return '';
    return qr.fits ? `yes (version ${qr.version})` : `no: too large (version ${qr.version} > ${OFFLINE_QR_MAX_VERSION}), link-only QR`;
  };
  const csv = Papa.unparse({
    // "learner page" is the link to send the learner: the certificate page they share and print;
    // "offline qr" whether its printed QR carries the whole credential (checkable offline).
    fields: ['row', 'student id', 'name', 'khmer name', 'credential id', 'link', 'verify url', 'learner page', 'status', 'error',
      ...(offers ? ['wallet offer', 'wallet PIN', 'offer expires'] : []), ...(offline ? ['offline qr'] : [])],
    data: rows.map((row) => {
      const r = batchRowView(publicUrl, row);
      const page = r.credentialId ? learnerPageFor(publicUrl, r.credentialId) : '';
      const offer = offers?.get(row.rowNo);
      return [r.row, r.studentId ?? '', r.name, khmerNameOf(row), r.credentialId ?? '', r.link ?? '', r.verifyUrl ?? '', page, r.status, r.error ?? '',
        ...(offers ? [offer?.url ?? '', offer?.txCode ?? '', offer?.expiresAt ?? ''] : []), ...(offline ? [offlineText(r.credentialId)] : [])];
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
 * The QR codes of a batch's credentials, SVG (and PNG where the runtime can), named by student
 * id: with `offline`, the offline QR (the whole credential inside) where it fits, else the verify
 * link; with `offers`, also each row's wallet-offer QR (`wallet/svg/…`) and the results sheet
 * with the offers and their PINs (`results-with-wallet-offers.csv`).
 */
export async function qrZip(
  publicUrl: string,
  rows: readonly BatchRow[],
  qrPng?: (text: string) => Promise<Uint8Array>,
  offers?: ReadonlyMap<number, RowOffer>,
  offline?: ReadonlyMap<string, OfflineQr>,
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  if (offers) files['results-with-wallet-offers.csv'] = strToU8(resultsCsv(publicUrl, rows, offers));
  for (const row of rows) {
    if (!row.credentialId) continue;
    // Named by student id, as printed on the paper certificate; a clash keeps the row number.
    const base = (row.studentId ?? `row-${row.rowNo}`).replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const name = files[`svg/${base}.svg`] ? `${base}-row${row.rowNo}` : base;
    const url = verifyUrlFor(publicUrl, row.credentialId);
    const fitting = offline?.get(row.credentialId);
    if (fitting?.fits) {
      files[`svg/${name}.svg`] = strToU8(await qrSegmentsSvg(fitting.segments));
      if (qrPng) files[`png/${name}.png`] = await qrSegmentsPng(fitting.segments);
    } else {
      files[`svg/${name}.svg`] = strToU8(await qrSvg(url));
      if (qrPng) files[`png/${name}.png`] = await qrPng(url);
    }
    const offer = offers?.get(row.rowNo);
    if (offer) {
      files[`wallet/svg/${name}.svg`] = strToU8(await qrSvg(offer.url));
      if (qrPng) files[`wallet/png/${name}.png`] = await qrPng(offer.url);
    }
  }
  // SVG text compresses well; PNGs are compressed already and are stored as they are.
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: k.endsWith('.png') ? 0 : 6 }]])));
}
