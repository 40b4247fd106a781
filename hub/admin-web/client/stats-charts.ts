/**
 * Browser script of the statistics page (bundled with uPlot by scripts/build.mjs into dist/admin-web/stats-charts.js,
 * served same-origin under the admin CSP). It draws each `table[data-chart="in-out"]` as a bar chart into the
 * `[data-chart-for=<table id>]` element beside it, reading the numbers from the table itself: what the chart shows
 * is what the table says. "In" and "out" differ in label, side and fill, not in colour alone.
 */
import uPlot from 'uplot';

interface TableSeries {
  readonly labels: string[];
  readonly columns: string[];
  readonly values: number[][];
}

function readTable(table: HTMLTableElement): TableSeries {
  const columns = [...table.tHead!.rows[0]!.cells].slice(1).map((c) => c.textContent ?? '');
  const labels: string[] = [];
  const values: number[][] = columns.map(() => []);
  for (const row of table.tBodies[0]!.rows) {
    labels.push(row.cells[0]!.textContent ?? '');
    columns.forEach((_, i) => values[i]!.push(Number(row.cells[i + 1]!.textContent)));
  }
  return { labels, columns, values };
}

const STYLES = [
  { stroke: '#1b6e3a', fill: 'rgba(27, 110, 58, 0.75)', align: -1 as const },
  { stroke: '#1f4e8c', fill: 'rgba(31, 78, 140, 0.25)', align: 1 as const },
];

function draw(table: HTMLTableElement, target: HTMLElement): void {
  const { labels, columns, values } = readTable(table);
  const x = labels.map((_, i) => i);
  const options: uPlot.Options = {
    width: Math.max(240, Math.min(960, target.clientWidth || 720)),
    height: 260,
    title: table.caption?.textContent ?? '',
    scales: { x: { time: false, range: [-0.5, Math.max(0, labels.length - 0.5)] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    axes: [
      { values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')) },
      // Passages are counted: whole-number ticks only.
      { label: 'Lượt', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000] },
    ],
    series: [
      { label: table.tHead!.rows[0]!.cells[0]!.textContent ?? '', value: (_u, i) => (i === null ? '' : (labels[i] ?? '')) },
      ...columns.map((label, i) => ({
        label,
        stroke: STYLES[i % 2]!.stroke,
        fill: STYLES[i % 2]!.fill,
        width: 1 + (i % 2),
        paths: uPlot.paths.bars!({ size: [0.4, 40], align: STYLES[i % 2]!.align }),
        points: { show: false },
      })),
    ],
  };
  target.setAttribute('role', 'img');
  target.setAttribute('aria-label', `${options.title}: biểu đồ của bảng bên dưới`);
  new uPlot(options, [x, ...values], target);
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-chart="in-out"]')) {
  const target = document.querySelector<HTMLElement>(`[data-chart-for="${table.id}"]`);
  if (target) draw(table, target);
}
