/**
 * Limits of case attachments (photos of the visit, scanned consent forms and minutes): JPEG, PNG or PDF,
 * recognised by their first bytes (the declared type must match), at most 3 MiB each. Project limits,
 * chosen so that a scanned A4 page fits and the base64 upload stays under the API's 5 MiB body limit.
 */

/** Maximum size of one attachment in bytes (3 MiB). */
export const MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;

/** Allowed types and the file extension they are stored with. */
export const ALLOWED_ATTACHMENT_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;
export type AttachmentType = keyof typeof ALLOWED_ATTACHMENT_TYPES;

/** The type of a file by its first bytes, or null when it is none of the allowed types. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 5 && String.fromCharCode(...bytes.slice(0, 5)) === '%PDF-') return 'application/pdf';
  return null;
}
