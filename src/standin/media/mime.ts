/** Content types of the file extensions the stand-in is likely to see. */
const TYPES: Readonly<Record<string, string>> = {
  '.mov': 'video/quicktime',
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.mxf': 'application/mxf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.exr': 'image/x-exr',
  '.dpx': 'image/x-dpx',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.zip': 'application/zip',
};

/** Dotted, lower-case extension of a file name (`shot.MOV` → `.mov`), or ''. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Content type for a file name or a dotted extension; `application/octet-stream` when unknown. */
export function contentTypeOf(fileNameOrExtension: string): string {
  const ext = fileNameOrExtension.startsWith('.') ? fileNameOrExtension.toLowerCase() : extensionOf(fileNameOrExtension);
  return TYPES[ext] ?? 'application/octet-stream';
}

/** A `Content-Disposition` value that survives quotes and non-ASCII characters in the name. */
export function attachmentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === fileName) return `${kind}; filename="${fileName}"`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
