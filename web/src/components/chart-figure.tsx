import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useT } from '../i18n/index.js';

/**
 * A chart with a "show as table" toggle: the same numbers for screen readers, keyboards and
 * whoever wants to read them exactly.
 */
export function ChartFigure({
  label,
  caption,
  chart,
  table,
  legend,
}: {
  label: string;
  /** shown above, beside the toggle */
  caption?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  legend?: ReactNode;
}) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="chart-figure" aria-label={label}>
      <div className="chart-figure-head">
        {caption}
        <button
          type="button"
          className="button button-secondary button-small chart-toggle"
          aria-controls={id}
          aria-pressed={asTable}
          onClick={() => setAsTable((on) => !on)}
        >
          {t('dashboard.showTable')}
        </button>
      </div>
      <div id={id}>{asTable ? table : chart}</div>
      {!asTable && legend}
    </figure>
  );
}

/** The width of an element, followed as it resizes (charts draw at their real size, so text keeps its size). */
export function useWidth<T extends Element>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  // Measured before the first paint, so a chart shown again does not flash empty.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
