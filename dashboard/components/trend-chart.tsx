// A line chart of one or more daily series with uPlot (its stylesheet is bundled by main.tsx),
// drawn into a canvas sized to its container; the numbers are also in the caller's table.

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export type Series = { label: string; values: (number | null)[]; stroke: string };

export function TrendChart(props: { label: string; days: string[]; series: Series[]; unit?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const xs = props.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        scales: { y: { range: [0, 100] } },
        axes: [{}, { values: (_u, ticks) => ticks.map((v) => `${v}${props.unit ?? ''}`) }],
        series: [
          {},
          ...props.series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, spanGaps: true })),
        ],
      },
      [xs, ...props.series.map((s) => s.values)],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [props.days, props.series, props.unit]);
  return <div ref={ref} class="chart" role="img" aria-label={props.label} />;
}
