/**
 * What a file really is, from its first bytes, so that a workbook renamed .csv or a text file renamed
 * .xlsx gets a clear message instead of a parser crash.
 */
import { open } from 'node:fs/promises';

/** Kind of content: zip (xlsx), old binary Excel (OLE2 .xls), text, binary other, or empty. */
export type ContentKind = 'zip' | 'ole2' | 'text' | 'binary' | 'empty';

/** Reads up to `n` first bytes of a file. */
export async function headBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Classifies content from its first bytes. A file of only white space or a BOM counts as empty. */
export function contentKind(head: Buffer): ContentKind {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'zip';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole2';
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return head.length <= 2 ? 'empty' : 'text';
  const body = head.subarray(start);
  if (body.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return 'empty';
  if (body.includes(0)) return 'binary';
  return 'text';
}
