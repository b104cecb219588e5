/**
 * Supporting documents of a request (a hospital proof, a certificate): what may be uploaded. The
 * type is read from the file's first bytes, never from its name or the browser's claim.
 */

export const DOCUMENT_TYPES = {
  pdf: { mime: 'application/pdf', ext: '.pdf', magic: [Buffer.from('%PDF-')] },
  png: { mime: 'image/png', ext: '.png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  jpeg: { mime: 'image/jpeg', ext: '.jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** 10 MiB per file, 5 files per upload: a scanned proof fits, a video does not. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS_PER_UPLOAD = 5;

/** The type the bytes are, or null when they are none of the accepted ones. */
export function documentTypeOf(head: Buffer): DocumentType | null {
  for (const [type, { magic }] of Object.entries(DOCUMENT_TYPES) as Array<[DocumentType, (typeof DOCUMENT_TYPES)[DocumentType]]>) {
    if (magic.some((bytes) => head.length >= bytes.length && head.subarray(0, bytes.length).equals(bytes))) return type;
  }
  return null;
}

/** A file name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function displayName(name: string, type: DocumentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 100);
  const stem = clean.replace(/\.[^.]*$/, '') || '材料';
  return `${stem}${DOCUMENT_TYPES[type].ext}`;
}
