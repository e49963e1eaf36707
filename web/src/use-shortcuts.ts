import { useEffect, useRef } from 'react';

/** What each shortcut does on the console; absent when it does nothing at the moment. */
export interface ShortcutActions {
  /** `/`: the customer search */
  search: () => void;
  /** Alt+R: take the call, i.e. go to the contact form */
  answer: () => void;
  /** Ctrl+Enter (⌘+Enter): save the contact being logged */
  save: () => void;
  /** Alt+H: hang up the simulated call */
  hangUp?: (() => void) | undefined;
  /** `?`: the help overlay */
  help: () => void;
}

/** Whether the key was typed into something that takes text: single-key shortcuts leave it alone. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/**
 * The console's keyboard shortcuts (docs/console.md): `/` and `?` only outside fields, Alt+R and
 * Alt+H by the key's place (code), so they work on AZERTY, QWERTZ and macOS alike, Ctrl+Enter anywhere.
 */
export function useShortcuts(enabled: boolean, actions: ShortcutActions): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return;
      const a = current.current;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      let run: (() => void) | undefined;
      if (plain && event.key === '/' && !typing(event.target)) run = a.search;
      else if (plain && event.key === '?' && !typing(event.target)) run = a.help;
      else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyR') run = a.answer;
      else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyH') run = a.hangUp;
      else if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === 'Enter') run = a.save;
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
