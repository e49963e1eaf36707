/**
 * The `Content-Disposition` of a file sent to be saved, never shown in the page (RFC 6266): its name
 * for every browser, in ASCII (`filename`, what is not ASCII as `_`) and in UTF-8 (`filename*`, RFC
 * 8187). The name has already been cleaned of path and control characters; quotes and backslashes,
 * which would end or escape the quoted string, are replaced here too.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
