/**
 * Text encoding of a CSV file, decided from its first bytes: a byte-order mark first (UTF-8, UTF-16);
 * else strict UTF-8 when the sample decodes without error; else chardet's guess when it names UTF-16 or
 * Big5; else GB18030 (a superset of GBK and GB2312, what Excel on a Chinese Windows writes). The
 * decoding itself streams through iconv-lite, on the whole byte stream before any splitting on
 * delimiters (a GBK trail byte can equal `|` or `,`).
 */
import chardet from 'chardet';

/** The encodings the readers decode. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Bytes to look at when guessing (the rest streams). */
export const SAMPLE_BYTES = 256 * 1024;

/**
 * Guesses the encoding of a file from a sample of its first bytes.
 * @param sample the first bytes (any length; a multi-byte character cut at the end is allowed)
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    /* not UTF-8 */
  }
  const guess = (chardet.detect(sample) ?? '').toLowerCase();
  if (guess === 'utf-16le') return 'utf-16le';
  if (guess === 'utf-16be') return 'utf-16be';
  if (guess === 'big5') return 'big5';
  return 'gb18030';
}

/** iconv-lite name of an encoding (BOMs are stripped by iconv-lite). */
export function iconvName(e: TextEncoding): string {
  return e === 'utf-8-bom' ? 'utf-8' : e;
}
