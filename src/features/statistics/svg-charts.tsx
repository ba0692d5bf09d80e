// Hand-written SVG charts, drawn on the server so they show without JavaScript. Each is one image
// (role="img", so its parts are not read out one by one) with a title and a description for screen
// readers; the page puts the same numbers in a table beside it, which is what assistive technology
// and copy-and-paste rely on.

export type TDatum = { label: string; value: number; text?: string };

type TChartProps = { id: string; title: string; desc: string; data: TDatum[]; max?: number };

/** A round upper bound for the axis (1, 2, 5 × 10ⁿ), so the bars' scale reads at a glance. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((m) => m * p >= n) ?? 10) * p;
}

const valueText = (d: TDatum) => d.text ?? String(d.value);

/** Vertical bars, one per category along the bottom (the twelve months). */
export function ColumnChart({ id, title, desc, data, max }: TChartProps) {
  const width = 480;
  const height = 220;
  const left = 32;
  const top = 24;
  const bottom = 28;
  const plotH = height - top - bottom;
  const top0 = niceMax(max ?? Math.max(0, ...data.map((d) => d.value)));
  const step = (width - left - 8) / Math.max(1, data.length);
  const barW = Math.max(4, step * 0.6);
  const y = (v: number) => top + plotH - (v / top0) * plotH;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <g class="chart-axis">
        <line x1={left} y1={y(0)} x2={width - 8} y2={y(0)} />
        <line x1={left} y1={y(top0)} x2={width - 8} y2={y(top0)} class="chart-grid" />
        <text x={left - 6} y={y(0) + 4} text-anchor="end">
          0
        </text>
        <text x={left - 6} y={y(top0) + 4} text-anchor="end">
          {top0}
        </text>
      </g>
      <g>
        {data.map((d, i) => {
          const x = left + i * step + (step - barW) / 2;
          const h = y(0) - y(d.value);
          return (
            <g>
              <rect class="chart-bar" x={x} y={y(d.value)} width={barW} height={h} />
              <text class="chart-value" x={x + barW / 2} y={y(d.value) - 4} text-anchor="middle">
                {valueText(d)}
              </text>
              <text class="chart-label" x={x + barW / 2} y={height - 8} text-anchor="middle">
                {d.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** Horizontal bars, one per row, for categories with long names (units, outcomes). */
export function BarChart({ id, title, desc, data, max }: TChartProps) {
  const width = 480;
  const rowH = 28;
  const labelW = 190;
  const valueW = 44;
  const height = Math.max(1, data.length) * rowH + 8;
  const top0 = niceMax(max ?? Math.max(0, ...data.map((d) => d.value)));
  const plotW = width - labelW - valueW;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      <g>
        {data.map((d, i) => {
          const y = 4 + i * rowH;
          const w = (d.value / top0) * plotW;
          return (
            <g>
              <text class="chart-label" x={labelW - 8} y={y + rowH / 2 + 5} text-anchor="end">
                {d.label.length > 10 ? `${d.label.slice(0, 9)}…` : d.label}
              </text>
              <rect class="chart-bar" x={labelW} y={y + 4} width={w} height={rowH - 8} />
              <text class="chart-value" x={labelW + w + 6} y={y + rowH / 2 + 5}>
                {valueText(d)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
