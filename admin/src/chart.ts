/**
 * The per-day chart of totals and tax: a hand-drawn SVG bar chart rather than a chart library.
 * Two bar series over days need some forty lines; a library (uPlot, Chart.js) would add 40 to
 * 200 kB to a page meant to stay small, draw on a canvas that screen readers cannot read, and
 * still need the table below for the exact decimal figures. The amounts are decimal strings;
 * they become numbers here only to size the bars, never for arithmetic that is shown.
 */
import { html } from './ui.js';
import type { Schemas } from './api.js';

type Day = Schemas['SummaryDayDto'];

export function DailyChart({ days, currency }: { days: Day[]; currency: string }) {
  const rows = days.filter((d) => (d.currency ?? '') === currency);
  if (rows.length === 0) return html`<p class="muted">No transactions in this period.</p>`;
  const width = 720;
  const height = 220;
  const pad = { left: 56, right: 8, top: 12, bottom: 36 };
  const values = rows.flatMap((d) => [Number(d.total), Number(d.tax)]);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const span = max - min;
  const y = (v: number) => pad.top + ((max - v) / span) * (height - pad.top - pad.bottom);
  const slot = (width - pad.left - pad.right) / rows.length;
  const bar = Math.max(1, Math.min(18, slot / 2 - 2));
  const ticks = [max, (max + min) / 2, min];
  const labelEvery = Math.ceil(rows.length / 8);
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="none">
      <title id="chart-title">Total and tax per day (${currency || 'no currency'})</title>
      <desc id="chart-desc">${rows.length} days from ${rows[0].day} to ${rows[rows.length - 1].day}; the table below has every figure.</desc>
      ${ticks.map((t) => html`<g class="tick"><line x1=${pad.left} x2=${width - pad.right} y1=${y(t)} y2=${y(t)} /><text x=${pad.left - 6} y=${y(t) + 4} text-anchor="end">${t.toFixed(0)}</text></g>`)}
      ${rows.map((d, i) => {
        const x = pad.left + i * slot + slot / 2;
        const total = Number(d.total);
        const tax = Number(d.tax);
        return html`<g>
          <rect class="bar-total" x=${x - bar - 1} width=${bar} y=${Math.min(y(total), y(0))} height=${Math.abs(y(0) - y(total))}><title>${d.day} total ${d.total}</title></rect>
          <rect class="bar-tax" x=${x + 1} width=${bar} y=${Math.min(y(tax), y(0))} height=${Math.abs(y(0) - y(tax))}><title>${d.day} tax ${d.tax}</title></rect>
          ${i % labelEvery === 0 ? html`<text class="day" x=${x} y=${height - pad.bottom + 16} text-anchor="middle">${d.day.slice(5)}</text>` : null}
        </g>`;
      })}
    </svg>
    <figcaption><span class="key key-total"></span> total <span class="key key-tax"></span> tax</figcaption>
  </figure>`;
}
