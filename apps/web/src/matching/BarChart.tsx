import { ReactNode, useId } from 'react';

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

const LABEL_WIDTH = 150;
const BAR_AREA = 220;
const VALUE_WIDTH = 70;
const ROW = 26;
const TOP = 4;

export function BarChart({ title, bars, max, maxLabel }: { title: string; bars: readonly Bar[]; max: number; maxLabel?: string }) {
  const titleId = useId();
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = TOP + bars.length * ROW + 18;
  const scale = max > 0 ? max : Math.max(0, ...bars.map((b) => b.value)) || 1;
  const length = (value: number) => Math.max(0, Math.min(BAR_AREA, (value / scale) * BAR_AREA));
  return (
    <div className="matching-chart">
      <p className="matching-chart-title" id={titleId}>
        {title}
      </p>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false" className="matching-chart-svg">
        {bars.map((bar, index) => {
          const y = TOP + index * ROW;
          const barLength = length(bar.value);
          return (
            <g key={`${bar.label}-${index}`}>
              <text x={LABEL_WIDTH - 8} y={y + 15} textAnchor="end" className="matching-chart-label">
                {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={BAR_AREA} height={16} className="matching-chart-track" />
              <rect x={LABEL_WIDTH} y={y + 3} width={barLength} height={16} className="matching-chart-bar" />
              <text x={LABEL_WIDTH + barLength + 6} y={y + 15} className="matching-chart-value">
                {bar.valueText}
              </text>
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={TOP} y2={TOP + bars.length * ROW} className="matching-chart-axis" />
        <text x={LABEL_WIDTH} y={height - 3} className="matching-chart-tick">
          0
        </text>
        {maxLabel ? (
          <text x={LABEL_WIDTH + BAR_AREA} y={height - 3} textAnchor="end" className="matching-chart-tick">
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
