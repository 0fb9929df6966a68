// Types of scripts/dist.mjs for the TypeScript that imports it (bench/load.ts).
export const ROOT: string;
export const SRC: string;
export const DIST: string;
export function isStale(): boolean;
export function build(): Promise<{ files: number; ms: number }>;
export function ensureBuilt(say?: (line: string) => void): Promise<boolean>;
