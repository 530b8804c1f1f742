import { ReactNode, useId, useLayoutEffect, useState } from 'react';

/**
 * A small horizontal bar chart in SVG, drawn at its own pixel size (it
 * shrinks on a narrow screen, never grows). It is a picture of numbers that
 * are always also given in text: the chart is hidden from assistive
 * technology, and its figure carries a caption and a table with the same
 * figures (see `ChartFigure`).
 */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value as the table writes it, drawn at the end of the bar. */
  readonly valueText: string;
}

/** Room for the labels at least; more when the longest label needs it (measured once drawn), up to the most. */
const LABEL_WIDTH = 150;
const LABEL_WIDTH_MOST = 260;
/** Between a label's end and its bar. */
const LABEL_GAP = 8;
const BAR_AREA = 220;
const VALUE_WIDTH = 70;
const ROW = 26;
const TOP = 4;

/** How wide the label column must be for every label in `labels` to show whole: "Gemiddelde bezetting" is wider than "Mean utilisation". */
function useLabelWidth(labels: SVGGElement | null, signature: string): number {
  const [width, setWidth] = useState(LABEL_WIDTH);
  useLayoutEffect(() => {
    if (!labels) return;
    const widest = Math.max(0, ...[...labels.querySelectorAll('text')].map((text) => text.getComputedTextLength()));
    setWidth(Math.min(LABEL_WIDTH_MOST, Math.max(LABEL_WIDTH, Math.ceil(widest) + LABEL_GAP + 4)));
  }, [labels, signature]);
  return width;
}

export function BarChart({ title, bars, max, maxLabel }: { title: string; bars: readonly Bar[]; max: number; maxLabel?: string }) {
  const titleId = useId();
  const [labels, setLabels] = useState<SVGGElement | null>(null);
  const labelWidth = useLabelWidth(labels, bars.map((bar) => bar.label).join('\n'));
  const width = labelWidth + BAR_AREA + VALUE_WIDTH;
  const height = TOP + bars.length * ROW + 18;
  const scale = max > 0 ? max : Math.max(0, ...bars.map((b) => b.value)) || 1;
  const length = (value: number) => Math.max(0, Math.min(BAR_AREA, (value / scale) * BAR_AREA));
  return (
    <div className="matching-chart">
      <p className="matching-chart-title" id={titleId}>
        {title}
      </p>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" className="matching-chart-svg">
        <g ref={setLabels}>
          {bars.map((bar, index) => (
            <text key={`${bar.label}-${index}`} x={labelWidth - LABEL_GAP} y={TOP + index * ROW + 15} textAnchor="end" className="matching-chart-label">
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
          ))}
        </g>
        {bars.map((bar, index) => {
          const y = TOP + index * ROW;
          const barLength = length(bar.value);
          return (
            <g key={`${bar.label}-${index}`}>
              <rect x={labelWidth} y={y + 3} width={BAR_AREA} height={16} className="matching-chart-track" />
              <rect x={labelWidth} y={y + 3} width={barLength} height={16} className="matching-chart-bar" />
              <text x={labelWidth + barLength + 6} y={y + 15} className="matching-chart-value">
                {bar.valueText}
              </text>
            </g>
          );
        })}
        <line x1={labelWidth} x2={labelWidth} y1={TOP} y2={TOP + bars.length * ROW} className="matching-chart-axis" />
        <text x={labelWidth} y={height - 3} className="matching-chart-tick">
          0
        </text>
        {maxLabel ? (
          <text x={labelWidth + BAR_AREA} y={height - 3} textAnchor="end" className="matching-chart-tick">
            {maxLabel}
          </text>
        ) : null}
      </svg>
    </div>
  );
}

/** A figure of one or more charts with a caption, and the table that states every figure the charts draw. */
export function ChartFigure({ caption, charts, table }: { caption: string; charts: ReactNode; table: ReactNode }) {
  const captionId = useId();
  return (
    <figure className="matching-figure" aria-labelledby={captionId}>
      <figcaption id={captionId}>{caption}</figcaption>
      <div className="matching-figure-charts">{charts}</div>
      <div className="matching-table-scroll">{table}</div>
    </figure>
  );
}
