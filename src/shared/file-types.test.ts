import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayFileName, sniffFileType } from './file-types.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** An ISO base media `ftyp` box: major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), [0, 0, 0, 8], 'meta');
};

describe('file types from their content', () => {
  it('knows PDF, PNG and JPEG by their signatures', () => {
    assert.equal(sniffFileType(bytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj')), 'application/pdf');
    assert.equal(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')), 'image/png');
    assert.equal(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF')), 'image/jpeg');
  });

  it('knows HEIC and HEIF by their brands, and refuses AVIF, which shares them', () => {
    assert.equal(sniffFileType(ftyp('heic', 'mif1', 'heic')), 'image/heic');
    assert.equal(sniffFileType(ftyp('mif1', 'mif1', 'heic')), 'image/heic', 'an iPhone photo may name mif1 first');
    assert.equal(sniffFileType(ftyp('mif1', 'mif1')), 'image/heif');
    assert.equal(sniffFileType(ftyp('avif', 'mif1', 'miaf')), undefined);
    assert.equal(sniffFileType(ftyp('mif1', 'avif')), undefined);
    assert.equal(sniffFileType(ftyp('isom', 'mp41')), undefined, 'an MP4 video');
  });

  it('knows an e-mail by its header block, whatever the charset of its body', () => {
    const mail = 'Return-Path: <anne@example.lu>\r\nFrom: Anne <anne@example.lu>\r\nTo: service@operator.lu\r\nSubject: =?utf-8?q?R=C3=A9clamation?=\r\n\tfolded\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\n\r\n';
    assert.equal(sniffFileType(bytes(mail, 'Facture re\u00e7ue deux fois.\r\n')), 'message/rfc822');
    assert.equal(sniffFileType(bytes('From: a@b.lu\nSubject: x\n\nbody')), 'message/rfc822', 'bare line feeds');
    assert.equal(sniffFileType(bytes('From: a@b.lu\n\nonly a sender')), 'text/plain', 'a From alone is text');
    assert.equal(sniffFileType(bytes('Dear sir: please\nFrom: me\n\n')), 'text/plain', 'a first line that is no field');
    assert.equal(sniffFileType(bytes(mail, [0], 'x')), undefined, 'a NUL byte');
  });

  it('takes UTF-8 text without control characters as plain text', () => {
    assert.equal(sniffFileType(Buffer.from('Facture de novembre : 45,99 €\r\nMerci\tbeaucoup\f\n')), 'text/plain');
    assert.equal(sniffFileType(Buffer.from('\ufeffavec BOM')), 'text/plain');
    assert.equal(sniffFileType(Buffer.from('<html><script>alert(1)</script></html>')), 'text/plain', 'served as text, never as a page');
    assert.equal(sniffFileType(bytes('caf\u00e9 en latin-1')), undefined, 'not UTF-8');
    assert.equal(sniffFileType(Buffer.from('escape \u001b[31m')), undefined);
    assert.equal(sniffFileType(new Uint8Array(0)), undefined, 'an empty file is nothing');
  });

  it('refuses everything else, whatever it claims to be', () => {
    assert.equal(sniffFileType(bytes('MZ\u0090\u0000\u0003\u0000\u0000\u0000')), undefined, 'a Windows executable');
    assert.equal(sniffFileType(bytes([0x7f], 'ELF', [2, 1, 1, 0])), undefined);
    assert.equal(sniffFileType(bytes('PK', [3, 4, 20, 0])), undefined, 'a zip (or an Office document)');
    assert.equal(sniffFileType(bytes('GIF89a')), 'text/plain', 'GIF is not accepted: its header alone is ASCII text');
    assert.equal(sniffFileType(bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0])), undefined);
    assert.equal(sniffFileType(bytes(' %PDF-1.7')), 'text/plain', 'the signature must open the file');
  });
});

describe('the name a file is shown and downloaded under', () => {
  it('keeps a good name as it is', () => {
    assert.equal(displayFileName('Facture novembre 2026.pdf', 'application/pdf'), 'Facture novembre 2026.pdf');
    assert.equal(displayFileName('IMG_2041.JPG', 'image/jpeg'), 'IMG_2041.JPG');
    assert.equal(displayFileName('Rechnung über 45 €.txt', 'text/plain'), 'Rechnung über 45 €.txt');
  });

  it('takes the last part of a path, without control, direction or path characters', () => {
    assert.equal(displayFileName('C:\\Users\\anne\\Documents\\facture.pdf', 'application/pdf'), 'facture.pdf');
    assert.equal(displayFileName('../../etc/passwd', 'text/plain'), 'passwd.txt');
    assert.equal(displayFileName('..', 'text/plain'), 'attachment.txt');
    assert.equal(displayFileName('rapport\u202Efdp.exe', 'application/pdf'), 'rapport fdp.exe.pdf');
    assert.equal(displayFileName('a\r\nb\u0000"c".pdf', 'application/pdf'), 'a b c .pdf');
    assert.equal(displayFileName('.htaccess', 'text/plain'), 'htaccess.txt');
  });

  it('ends with an extension of the type found in the content', () => {
    assert.equal(displayFileName('facture.exe', 'application/pdf'), 'facture.exe.pdf');
    assert.equal(displayFileName('photo.png', 'image/jpeg'), 'photo.png.jpg');
    assert.equal(displayFileName('mail', 'message/rfc822'), 'mail.eml');
    assert.equal(displayFileName(undefined, 'image/heic'), 'attachment.heic');
    assert.equal(displayFileName('   ', 'image/png'), 'attachment.png');
  });

  it('is at most 120 characters, its extension kept', () => {
    const name = displayFileName(`${'é'.repeat(300)}.pdf`, 'application/pdf');
    assert.equal([...name].length, 120);
    assert.ok(name.endsWith('é.pdf'));
  });
});
