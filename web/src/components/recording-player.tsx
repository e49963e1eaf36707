import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { recordingsApi, type Recording } from '../api-quality-recordings.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import { RecordingRedactForm } from './recording-redact-form.js';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

export interface RecordingMarker {
  atMs: number;
  label: string;
  kind?: 'strength' | 'improve';
}

/** m:ss of a position in milliseconds. */
function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A contact's recording (docs/quality.md, "Recordings"): its waveform drawn from the peaks the server
 * computed (nothing downloaded to draw it), and the audio streamed by byte ranges by a media element
 * once the reader presses play, which is a play audited on the server. Play/pause, ±5 s, speed,
 * markers that seek, redacted spans greyed (their audio is silence); for who may, a span redacted. Keyboard: every control is a
 * button; on the waveform, Space plays or pauses and the arrows move by 5 s.
 */
export function RecordingPlayer(props: { recordingId: string; markers?: RecordingMarker[]; onPosition?: (ms: number) => void; seek?: { ms: number; serial: number }; canRedact?: boolean }) {
  const { recordingId, markers = [], onPosition, seek, canRedact = false } = props;
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const started = useRef<Promise<void> | null>(null);
  const pending = useRef(0);
  const positionCallback = useRef(onPosition);
  positionCallback.current = onPosition;
  const [recording, setRecording] = useState<Recording | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(0);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    let live = true;
    setRecording(null);
    setError(null);
    started.current = null;
    recordingsApi.get(recordingId).then(
      (r) => live && setRecording(r),
      (e: unknown) => live && setError(errorMessage(e, t)),
    );
    return () => {
      live = false;
    };
  }, [recordingId, t]);

  useEffect(() => {
    if (!recording || !container.current) return;
    const media = document.createElement('audio');
    media.preload = 'none';
    const ws = WaveSurfer.create({
      container: container.current,
      media,
      peaks: [recording.peaks],
      duration: recording.durationMs / 1000,
      height: 72,
      normalize: true,
      waveColor: '#8a9bb0',
      progressColor: '#1f5fa8',
      cursorColor: '#0b2e59',
      barWidth: 2,
      barGap: 1,
      dragToSeek: true,
    });
    surfer.current = ws;
    const subscriptions = [
      ws.on('timeupdate', (seconds) => {
        const ms = Math.round(seconds * 1000);
        setPositionMs(ms);
        positionCallback.current?.(ms);
      }),
      ws.on('play', () => setPlaying(true)),
      ws.on('pause', () => setPlaying(false)),
      ws.on('finish', () => setPlaying(false)),
      ws.on('interaction', (seconds) => {
        pending.current = seconds * 1000;
        setPositionMs(Math.round(seconds * 1000));
      }),
    ];
    return () => {
      for (const off of subscriptions) off();
      ws.destroy();
      surfer.current = null;
      started.current = null;
    };
  }, [recording]);

  /** The first play: audited on the server, which answers the address the media element streams from. */
  const start = (): Promise<void> => {
    const ws = surfer.current;
    if (!ws || !recording) return Promise.resolve();
    started.current ??= recordingsApi.play(recording.id).then(async (play) => {
      await ws.load(play.url, [recording.peaks], recording.durationMs / 1000);
      ws.setPlaybackRate(speed, true);
      ws.setTime(pending.current / 1000);
    });
    started.current.catch((e: unknown) => {
      started.current = null;
      setError(errorMessage(e, t));
    });
    return started.current;
  };

  const seekTo = (ms: number) => {
    const ws = surfer.current;
    if (!ws || !recording) return;
    const clamped = Math.max(0, Math.min(recording.durationMs, ms));
    pending.current = clamped;
    setPositionMs(clamped);
    // before the first play, only remembered: a seek is no play (nothing fetched, nothing audited)
    if (started.current) void started.current.then(() => ws.setTime(clamped / 1000));
  };

  const toggle = async () => {
    const ws = surfer.current;
    if (!ws) return;
    if (ws.isPlaying()) return ws.pause();
    await start();
    await ws.play().catch(() => undefined);
  };

  // a new seek (its serial) moves the position, even to the same place; nothing else re-runs it
  const seekSerial = seek?.serial;
  useEffect(() => {
    if (seek) seekTo(seek.ms);
  }, [seekSerial, recording]);

  const changeSpeed = (value: number) => {
    setSpeed(value);
    surfer.current?.setPlaybackRate(value, true);
  };

  const onWaveKey = (event: React.KeyboardEvent) => {
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      void toggle();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      seekTo(positionMs + (event.key === 'ArrowLeft' ? -5000 : 5000));
    }
  };

  if (error) return <p className="notice notice-error" role="alert">{error}</p>;
  if (!recording) return <p className="muted" aria-live="polite">{t('recordings.loading')}</p>;
  const total = recording.durationMs || 1;
  const at = (ms: number) => `${Math.min(100, (ms / total) * 100)}%`;
  return (
    <section className="recording-player" aria-label={t('recordings.player')} data-recording-id={recording.id}>
      <div className="recording-wave-wrap">
        <div
          ref={container}
          className="recording-wave"
          role="slider"
          tabIndex={0}
          aria-label={t('recordings.waveform')}
          aria-valuemin={0}
          aria-valuemax={Math.round(recording.durationMs / 1000)}
          aria-valuenow={Math.round(positionMs / 1000)}
          aria-valuetext={t('recordings.position', { current: clock(positionMs), total: clock(recording.durationMs) })}
          onKeyDown={onWaveKey}
        />
        {recording.redactions.map((r) => (
          <div
            key={r.id}
            className="recording-redacted"
            style={{ left: at(r.startMs), width: `calc(${at(r.endMs)} - ${at(r.startMs)})` }}
            title={t('recordings.redacted', { from: clock(r.startMs), to: clock(r.endMs) })}
            aria-hidden="true"
          />
        ))}
        {markers.map((m, i) => (
          <span key={`${m.atMs}-${i}`} className={`recording-tick${m.kind ? ` marker-${m.kind}` : ''}`} style={{ left: at(m.atMs) }} aria-hidden="true" />
        ))}
      </div>
      <div className="recording-controls">
        <button type="button" onClick={() => seekTo(positionMs - 5000)} aria-label={t('recordings.back')}>−5 s</button>
        <button type="button" className="primary" onClick={() => void toggle()} aria-pressed={playing}>
          {playing ? t('recordings.pause') : t('recordings.play')}
        </button>
        <button type="button" onClick={() => seekTo(positionMs + 5000)} aria-label={t('recordings.forward')}>+5 s</button>
        <span className="recording-time" aria-live="off">
          {clock(positionMs)} / {clock(recording.durationMs)}
        </span>
        <label className="recording-speed">
          {t('recordings.speed')}{' '}
          <select value={speed} onChange={(e) => changeSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {markers.length > 0 && (
        <ul className="recording-markers" aria-label={t('recordings.markers')}>
          {markers.map((m, i) => (
            <li key={`${m.atMs}-${i}`}>
              <button type="button" className={`link-button${m.kind ? ` marker-${m.kind}` : ''}`} onClick={() => seekTo(m.atMs)}>
                {clock(m.atMs)} · {m.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {recording.redactions.length > 0 && (
        <ul className="recording-redactions muted">
          {recording.redactions.map((r) => (
            <li key={r.id}>{t('recordings.redacted', { from: clock(r.startMs), to: clock(r.endMs) })}</li>
          ))}
        </ul>
      )}
      {canRedact && <RecordingRedactForm recording={recording} positionMs={positionMs} onRedacted={setRecording} />}
      <p className="muted recording-note">
        {recording.redactions.length > 0 && `${t('recordings.redactedLegend')} `}
        {t('recordings.audited')}
      </p>
    </section>
  );
}
