import { encodeWav } from './recording-audio.js';

/**
 * Short synthetic recordings for the demo and the tests (docs/quality.md, "Recordings"): speech-like
 * bursts (a voiced tone with harmonics under a syllable envelope, pauses between words), alternating
 * two voices, as 8 kHz mono 16-bit WAV. Deterministic: the same seed gives the same bytes.
 */
export function syntheticCall(seconds: number, seed = 1, sampleRate = 8000): Uint8Array<ArrayBuffer> {
  let state = (seed * 2654435761) >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  let at = Math.round(0.2 * sampleRate);
  let voice = 0;
  while (at < samples.length) {
    const pitch = voice === 0 ? 120 + random() * 30 : 210 + random() * 40;
    const words = 3 + Math.floor(random() * 6);
    for (let w = 0; w < words && at < samples.length; w++) {
      const length = Math.round((0.15 + random() * 0.35) * sampleRate);
      for (let i = 0; i < length && at + i < samples.length; i++) {
        const t = i / sampleRate;
        const envelope = Math.sin((Math.PI * i) / length) ** 2;
        const glide = pitch * (1 + 0.08 * Math.sin(2 * Math.PI * 3 * t));
        const tone = Math.sin(2 * Math.PI * glide * t) + 0.5 * Math.sin(4 * Math.PI * glide * t) + 0.25 * Math.sin(6 * Math.PI * glide * t);
        samples[at + i] = 0.35 * envelope * tone + 0.02 * (random() * 2 - 1);
      }
      at += length + Math.round((0.05 + random() * 0.15) * sampleRate);
    }
    at += Math.round((0.4 + random() * 0.6) * sampleRate);
    voice = 1 - voice;
  }
  return encodeWav({ sampleRate, channels: [samples] });
}

/** A pure tone, as 16-bit mono WAV (tests). */
export function toneWav(seconds: number, frequency = 440, sampleRate = 8000, amplitude = 0.5): Uint8Array<ArrayBuffer> {
  const samples = Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return encodeWav({ sampleRate, channels: [samples] });
}
