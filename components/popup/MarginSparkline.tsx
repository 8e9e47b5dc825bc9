import { formatPercent } from '../../lib/format/format-figures';
import type { RatioReading } from '../../lib/storage/margin-history';

const WIDTH = 120;
const HEIGHT = 26;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An account's margin ratio over the last day (the background's margin history: the latest
 * ratio of each 5-minute bucket), as a small line from 24 h ago (left) to now (right), scaled
 * from 0 to the day's high; beside it the day's high and when. A reading with no equity left is
 * drawn at the top. Nothing is drawn before the first reading.
 */
export function MarginSparkline(props: {
  readonly readings: readonly { readonly at: number; readonly reading: RatioReading }[];
  /** Milliseconds since the epoch. */
  readonly now: number;
}) {
  const start = props.now - DAY_MS;
  const readings = props.readings.filter((item) => item.at >= start - 5 * 60 * 1000);
  if (readings.length === 0) return null;
  const highs = readings.map((item) => item.reading.high ?? Number.POSITIVE_INFINITY);
  const high = Math.max(...highs);
  const top = Number.isFinite(high) ? Math.max(high, 0.01) * 1.15 : 1;
  const x = (at: number) => Math.max(0, Math.min(WIDTH, ((at - start) / DAY_MS) * WIDTH));
  const y = (ratio: number | null) =>
    ratio === null ? 1 : HEIGHT - 1 - (Math.min(ratio, top) / top) * (HEIGHT - 2);
  const points = readings.map(
    (item) => `${x(item.at).toFixed(1)},${y(item.reading.last).toFixed(1)}`,
  );
  const highAt = readings[highs.indexOf(high)]?.at ?? props.now;
  const last = readings.at(-1);
  return (
    <div class="sparkline" data-testid="margin-sparkline" data-samples={readings.length}>
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <line class="sparkline__base" x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} />
        {readings.length > 1 ? (
          <polyline class="sparkline__line" points={points.join(' ')} />
        ) : null}
        {last !== undefined && (
          <circle class="sparkline__dot" cx={x(last.at)} cy={y(last.reading.last)} r="2" />
        )}
      </svg>
      <span class="muted">
        {readings.length > 1 ? '24 h' : `since ${clock(readings[0]?.at ?? props.now)}`}, high{' '}
        {Number.isFinite(high) ? formatPercent(high, 1) : 'no equity left'} at {clock(highAt)}
      </span>
    </div>
  );
}

/** "14:05" UTC. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
