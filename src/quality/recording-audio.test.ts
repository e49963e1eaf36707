import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteRange } from './byte-ranges.js';
import { decodeAudio, encodeWav, peaksOf, silence, sniffAudio } from './recording-audio.js';
import { issuePlayToken, readPlayToken } from './recording-play-tokens.js';
import { toneWav } from './synthetic-audio.js';

describe('the sound of recordings', () => {
  it('recognises WAV, MP3 (ID3 tag or frame) and Ogg Opus by content, and nothing else', () => {
    const opusHead = Buffer.alloc(40);
    opusHead.write('OggS', 0);
    opusHead.write('OpusHead', 28);
    const vorbis = Buffer.from(opusHead);
    vorbis.write('\u0001vorbis\u0000', 28, 'latin1');
    assert.equal(sniffAudio(toneWav(0.1)), 'wav');
    assert.equal(sniffAudio(Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1')), 'mp3');
    assert.equal(sniffAudio(Buffer.from([0xff, 0xfb, 0x90, 0x64])), 'mp3', 'MPEG-1 layer III, 128 kbit/s, 44.1 kHz');
    assert.equal(sniffAudio(opusHead), 'opus');
    assert.equal(sniffAudio(vorbis), null, 'Ogg Vorbis is not Opus');
    assert.equal(sniffAudio(Buffer.from([0xff, 0xfd, 0x90, 0x64])), null, 'MPEG layer II');
    assert.equal(sniffAudio(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), null, 'JPEG');
    assert.equal(sniffAudio(Buffer.from('RIFF\u0000\u0000\u0000\u0000AVI ', 'latin1')), null, 'RIFF but AVI');
    assert.equal(sniffAudio(Buffer.from('%PDF-1.7')), null);
    assert.equal(sniffAudio(new Uint8Array(0)), null);
  });

  it('reads a 16-bit WAV back sample for sample, finds its peaks, and silences a span only', async () => {
    const wav = toneWav(1, 440, 8000, 0.5);
    const pcm = (await decodeAudio(wav, 'wav'))!;
    assert.deepEqual([pcm.sampleRate, pcm.channels.length, pcm.channels[0]!.length], [8000, 1, 8000]);
    assert.deepEqual(encodeWav(pcm), wav);
    const peaks = peaksOf(pcm, 100);
    assert.equal(peaks.length, 200);
    assert.ok(peaks.every((p) => Math.abs(p) <= 0.5 + 1e-3));
    silence(pcm, 250, 500);
    const samples = pcm.channels[0]!;
    assert.ok(samples.subarray(2000, 4000).every((s) => s === 0));
    assert.ok(samples.subarray(0, 2000).some((s) => s !== 0) && samples.subarray(4000).some((s) => s !== 0));
    assert.equal(await decodeAudio(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEjunk', 'latin1'), 'wav'), undefined);
  });

  it('reads byte ranges as HTTP says: first bytes, open end, suffix, past the end; ignores what it cannot serve', () => {
    assert.deepEqual(parseByteRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(parseByteRange('bytes=900-5000', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange('bytes=500-', 1000), { start: 500, end: 999 });
    assert.deepEqual(parseByteRange('bytes=-100', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange('bytes=-5000', 1000), { start: 0, end: 999 });
    assert.equal(parseByteRange('bytes=1000-', 1000), 'unsatisfiable');
    assert.equal(parseByteRange('bytes=-0', 1000), 'unsatisfiable');
    for (const header of [undefined, '', 'bytes=5-1', 'items=0-9', 'bytes=0-9,20-29', 'bytes=-']) assert.equal(parseByteRange(header, 1000), undefined, String(header));
  });

  it('gives play tokens that name one recording and one reader, and expire', () => {
    const now = Date.now();
    const token = issuePlayToken('secret', { recordingId: 'rec-1', readerId: 'user-1', expiresAt: now + 1000 });
    assert.deepEqual(readPlayToken('secret', token, now), { recordingId: 'rec-1', readerId: 'user-1', expiresAt: now + 1000 });
    assert.equal(readPlayToken('secret', token, now + 1000), undefined, 'expired');
    assert.equal(readPlayToken('another secret', token, now), undefined, 'signed by another key');
    const [payload, mac] = token.split('.');
    const forged = `${Buffer.from(`rec-2.user-1.${now + 1000}`).toString('base64url')}.${mac}`;
    assert.equal(readPlayToken('secret', forged, now), undefined, 'another recording under the same signature');
    assert.equal(readPlayToken('secret', `${payload}.`, now), undefined);
  });
});
