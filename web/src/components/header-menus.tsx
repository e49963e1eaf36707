import { flushSync } from 'react-dom';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

/**
 * Which of the header's links stay in the bar: all of them when they fit in `available` pixels,
 * otherwise those that fit before the "More" button, the current page always among them.
 * Widths are the measured widths of the links, `gap` the space between two, `more` the button's.
 */
export function fittingLinks(widths: readonly number[], gap: number, more: number, available: number, current: number): Set<number> {
  const all = new Set(widths.map((_, i) => i));
  const total = widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, widths.length - 1);
  if (total <= available) return all;
  const budget = available - more - gap;
  const shown = new Set<number>();
  let used = 0;
  if (current >= 0) {
    shown.add(current);
    used = widths[current]!;
  }
  for (let i = 0; i < widths.length; i += 1) {
    if (i === current) continue;
    const next = used + (shown.size > 0 ? gap : 0) + widths[i]!;
    if (next > budget) break;
    shown.add(i);
    used = next;
  }
  return shown;
}

/**
 * The links of the bar, measured from a hidden row of their copies (`measure`: one child per link,
 * then one for the "More" button) against the width of `box`, again whenever either changes size
 * (window, language, fonts).
 */
export function useFittingLinks(box: RefObject<HTMLElement | null>, measure: RefObject<HTMLElement | null>, count: number, current: number): Set<number> {
  const [shown, setShown] = useState<Set<number>>(() => new Set(Array.from({ length: count }, (_, i) => i)));
  useLayoutEffect(() => {
    const outer = box.current;
    const row = measure.current;
    if (!outer || !row) return;
    const compute = (now: boolean) => {
      const items = Array.from(row.children) as HTMLElement[];
      if (items.length < count + 1) return;
      const widths = items.slice(0, count).map((el) => el.getBoundingClientRect().width);
      const more = items[count]!.getBoundingClientRect().width;
      const gap = parseFloat(getComputedStyle(row).columnGap) || 0;
      const next = fittingLinks(widths, gap, more, outer.clientWidth - 1, current);
      const update = () => setShown((before) => (before.size === next.size && [...next].every((i) => before.has(i)) ? before : next));
      // From the observer, render at once: the bar never shows a frame with links that do not fit.
      if (now) flushSync(update);
      else update();
    };
    compute(false);
    const observer = new ResizeObserver(() => compute(true));
    observer.observe(outer);
    for (const item of Array.from(row.children)) observer.observe(item);
    return () => observer.disconnect();
  }, [box, measure, count, current]);
  return shown;
}

/**
 * A disclosure menu: its button toggles it (aria-expanded), Escape closes it and gives the focus
 * back to the button, and it closes when the focus or a click goes elsewhere.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLLIElement & HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  return {
    open,
    close,
    root,
    rootProps: {
      ref: root,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key !== 'Escape' || !open) return;
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      },
      onBlur: (event: FocusEvent) => {
        const to = event.relatedTarget as Node | null;
        if (to && !root.current?.contains(to)) setOpen(false);
      },
    },
    buttonProps: {
      ref: button,
      type: 'button' as const,
      'aria-expanded': open,
      onClick: () => setOpen((was) => !was),
    },
  };
}
