const KHMER_ZERO = 0x17e0;

/** ASCII digits as Khmer digits (០-៩), as formal Khmer documents write them. */
export const khmerDigits = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(KHMER_ZERO + Number(d)));
