import decode from 'audio-decode';
import type { RecordingFormat } from '../storage/schema.js';

/**
 * The sound of a recording (docs/quality.md, "Recordings"): its format recognised from its content,
 * never from a name or a declared type (RIFF/WAVE, MP3 frames or an ID3 tag, Ogg Opus); decoded to
 * samples (WAV PCM read here, MP3 and Opus by `audio-decode`); its waveform's peaks; and a span
 * silenced, written back as 16-bit PCM WAV.
 */

export const MEDIA_TYPES: Record<RecordingFormat, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', opus: 'audio/ogg; codecs=opus' };

/** Pairs of (min, max) the waveform is drawn from, whatever the recording's length. */
export const PEAK_PAIRS = 1000;

/** Decoded sound: a channel of samples in -1..1 each. */
export interface Pcm {
  sampleRate: number;
  channels: Float32Array[];
}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** The format of audio bytes by their content; null when they are none the recordings accept. */
export function sniffAudio(bytes: Uint8Array): RecordingFormat | null {
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (bytes.length >= 36 && ascii(bytes, 0, 4) === 'OggS' && ascii(bytes, 28, 8) === 'OpusHead') return 'opus';
  if (bytes.length >= 10 && ascii(bytes, 0, 3) === 'ID3') return 'mp3';
  // an MPEG audio frame header: 11 bits of sync, MPEG version not reserved, layer III, a bit rate and a sample rate not reserved
  if (bytes.length >= 4 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && ((bytes[1]! >> 3) & 3) !== 1 && ((bytes[1]! >> 1) & 3) === 1) {
    const bitrate = bytes[2]! >> 4;
    const rate = (bytes[2]! >> 2) & 3;
    if (bitrate !== 0 && bitrate !== 15 && rate !== 3) return 'mp3';
  }
  return null;
}

/** A WAV file's PCM samples (8, 16, 24, 32-bit integers or 32-bit floats); undefined for another encoding (G.711…), left to the decoder. */
function readWav(bytes: Uint8Array): Pcm | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format = 0;
  let channelCount = 0;
  let sampleRate = 0;
  let bits = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16) {
      format = view.getUint16(body, true);
      channelCount = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      if (!(format === 1 && [8, 16, 24, 32].includes(bits)) && !(format === 3 && bits === 32)) return undefined;
      if (channelCount < 1 || channelCount > 8 || sampleRate < 1000 || sampleRate > 384_000) return undefined;
      const width = bits / 8;
      const frames = Math.floor(Math.min(size, bytes.length - body) / (width * channelCount));
      const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let f = 0, p = body; f < frames; f++) {
        for (let c = 0; c < channelCount; c++, p += width) {
          channels[c]![f] =
            format === 3 ? view.getFloat32(p, true)
            : bits === 8 ? (bytes[p]! - 128) / 128
            : bits === 16 ? view.getInt16(p, true) / 32768
            : bits === 24 ? ((view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 8388608)
            : view.getInt32(p, true) / 2147483648;
        }
      }
      return { sampleRate, channels };
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

/** The samples of a recording; undefined when its bytes do not decode (a truncated or corrupt file). */
export async function decodeAudio(bytes: Uint8Array, format: RecordingFormat): Promise<Pcm | undefined> {
  if (format === 'wav') {
    const pcm = readWav(bytes);
    if (pcm) return pcm;
  }
  try {
    const { channelData, sampleRate } = await decode(bytes);
    if (!channelData?.length || !sampleRate || channelData[0]!.length === 0) return undefined;
    return { sampleRate, channels: channelData };
  } catch {
    return undefined;
  }
}

export const durationMsOf = (pcm: Pcm) => Math.round((pcm.channels[0]!.length / pcm.sampleRate) * 1000);

/** The waveform: `pairs` (min, max) over slices of equal length, all channels together, rounded to 3 decimals. */
export function peaksOf(pcm: Pcm, pairs = PEAK_PAIRS): number[] {
  const length = pcm.channels[0]!.length;
  const slices = Math.max(1, Math.min(pairs, length));
  const out: number[] = [];
  const round = (v: number) => Math.round(Math.max(-1, Math.min(1, v)) * 1000) / 1000;
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * length) / slices);
    const to = Math.max(from + 1, Math.floor(((s + 1) * length) / slices));
    let min = 0;
    let max = 0;
    for (const channel of pcm.channels) {
      for (let i = from; i < to && i < length; i++) {
        const v = channel[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    out.push(round(min), round(max));
  }
  return out;
}

/** Silences the samples from `startMs` (included) to `endMs` (excluded), in place. */
export function silence(pcm: Pcm, startMs: number, endMs: number): void {
  const from = Math.max(0, Math.floor((startMs * pcm.sampleRate) / 1000));
  const to = Math.min(pcm.channels[0]!.length, Math.ceil((endMs * pcm.sampleRate) / 1000));
  for (const channel of pcm.channels) channel.fill(0, from, Math.max(from, to));
}

/** The samples as a 16-bit PCM WAV file (a 16-bit WAV read by `decodeAudio` comes back byte for byte). */
export function encodeWav(pcm: Pcm): Uint8Array<ArrayBuffer> {
  const frames = pcm.channels[0]!.length;
  const channelCount = pcm.channels.length;
  const dataBytes = frames * channelCount * 2;
  const out = new Uint8Array(new ArrayBuffer(44 + dataBytes));
  const view = new DataView(out.buffer);
  const text = (at: number, s: string) => { for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i); };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let f = 0, p = 44; f < frames; f++) {
    for (let c = 0; c < channelCount; c++, p += 2) {
      const v = Math.round(pcm.channels[c]![f]! * 32768);
      view.setInt16(p, Math.max(-32768, Math.min(32767, v)), true);
    }
  }
  return out;
}
