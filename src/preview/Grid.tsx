/**
 * The preview's spreadsheet: a formula bar, the active sheet's cells (computed values under their
 * number formats, bold, tables, frozen rows), its charts, and the sheet tabs. Clicking selects a
 * cell, Shift+click a range: that is the selection the add-in reads.
 */
import { useLayoutEffect, useRef, useState } from "react";
import { type RangeRef, columnLetters, parseRange, rangeAddress } from "../workbook/address";
import type { EmulatedWorkbook, SheetModel } from "./excel-emulation";
import { formatValue } from "./format";

/** Rendering more rows than this would slow the page; the rest are counted, not drawn. */
export const MAX_RENDERED_ROWS = 2000;
const ROW_HEIGHT = 24;

let canvas: CanvasRenderingContext2D | null | undefined;
/** Width in pixels of a cell's text in the grid's font (measured like Excel's autofit). */
function textWidth(text: string, bold: boolean): number {
  canvas ??= document.createElement("canvas").getContext("2d");
  if (!canvas) return text.length * 8;
  canvas.font = `${bold ? 600 : 400} 13px "Segoe UI", system-ui, sans-serif`;
  return canvas.measureText(text).width;
}

const within = (r: RangeRef, row: number, column: number) =>
  row >= r.start.row && row < r.start.row + r.rows && column >= r.start.column && column < r.start.column + r.columns;

function tableRole(sheet: SheetModel, row: number, column: number): string {
  for (const t of sheet.tables()) {
    if (!within(t.range, row, column)) continue;
    if (row === t.range.start.row) return "table-header";
    if (t.showTotals && row === t.range.start.row + t.range.rows - 1) return "table-totals";
    return (row - t.range.start.row) % 2 === 1 ? "table-band" : "table-body";
  }
  return "";
}

export function Grid({ book }: { book: EmulatedWorkbook }) {
  const sheet = book.model.active;
  const selection = book.model.selection;
  const used = sheet.usedRange();
  // Room for the data and the charts, plus a margin of empty cells.
  const areas = [...(used ? [used] : []), ...sheet.charts.filter((c) => c.position).map((c) => parseRange(c.position))];
  const totalRows = Math.max(30, ...areas.map((a) => a.start.row + a.rows + 5));
  const rows = Math.min(totalRows, MAX_RENDERED_ROWS);
  const columns = Math.max(10, ...areas.map((a) => a.start.column + a.columns + 2));
  const [anchor, setAnchor] = useState(selection.range.start);
  const active = selection.sheet === sheet ? selection.range : null;
  const activeCell = active?.start ?? { row: 0, column: 0 };

  function select(row: number, column: number, extend: boolean) {
    const from = extend ? anchor : { row, column };
    if (!extend) setAnchor(from);
    const start = { row: Math.min(from.row, row), column: Math.min(from.column, column) };
    const range = { start, rows: Math.abs(from.row - row) + 1, columns: Math.abs(from.column - column) + 1 };
    book.select(sheet.name, rangeAddress(range));
  }

  /** Arrow keys move the active cell (Shift extends the selection), as in Excel. */
  function onKeyDown(e: React.KeyboardEvent) {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const from = e.shiftKey && active ? { row: active.start.row === anchor.row ? active.start.row + active.rows - 1 : active.start.row, column: active.start.column === anchor.column ? active.start.column + active.columns - 1 : active.start.column } : active && within(active, anchor.row, anchor.column) ? anchor : activeCell;
    const row = Math.min(rows - 1, Math.max(0, from.row + move[0]));
    const column = Math.min(columns - 1, Math.max(0, from.column + move[1]));
    select(row, column, e.shiftKey);
    document.querySelector(`td[data-cell="${columnLetters(column)}${row + 1}"]`)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  const formula = sheet.formula(activeCell.row, activeCell.column);
  const texts = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => formatValue(sheet.value(r, c), sheet.numberFormat(r, c))));
  // Like Excel, text runs on over empty cells to its right; only what cannot run on sets a column's width.
  const overflows = (r: number, c: number) => typeof sheet.value(r, c) === "string" && c + 1 < columns && texts[r][c + 1] === "";
  // Columns the add-in fitted (format.autofitColumns) fit all their text, as in Excel.
  const fitted = new Set(sheet.autofitted.flatMap((a) => Array.from({ length: parseRange(a).columns }, (_, i) => parseRange(a).start.column + i)));
  const widths = Array.from({ length: columns }, (_, c) => {
    let width = 0;
    for (let r = 0; r < rows; r++) if (texts[r][c] !== "" && (fitted.has(c) || !overflows(r, c))) width = Math.max(width, textWidth(texts[r][c], sheet.cell(r, c)?.bold === true));
    return Math.min(320, Math.max(64, Math.ceil(width) + 16));
  });
  return (
    <section className="grid-area" aria-label="Workbook">
      <div className="formula-bar">
        <span className="name-box" aria-label="Selected range" data-testid="name-box">
          {active ? rangeAddress(active) : "A1"}
        </span>
        <span className="fx">fx</span>
        <output className="formula" aria-label="Formula of the active cell" data-testid="formula-bar">
          {String(formula)}
        </output>
      </div>
      <div className="grid-scroll" data-testid="grid" tabIndex={0} onKeyDown={onKeyDown} aria-label={`Cells of ${sheet.name}; arrow keys move the selection, Shift+arrows extend it`}>
        <table className="grid" aria-label={`Sheet ${sheet.name}`} data-sheet={sheet.name} style={{ width: 40 + widths.reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: columns }, (_, c) => (
                <th key={c} scope="col" className="col-head">
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r} className={r < sheet.frozenRows ? "frozen" : undefined} style={r < sheet.frozenRows ? { top: ROW_HEIGHT * (r + 1) } : undefined}>
                <th scope="row" className="row-head">
                  {r + 1}
                </th>
                {Array.from({ length: columns }, (_, c) => {
                  const cell = sheet.cell(r, c);
                  const value = sheet.value(r, c);
                  const classes = [
                    tableRole(sheet, r, c),
                    typeof value === "number" ? "num" : "",
                    cell?.bold ? "bold" : "",
                    active && within(active, r, c) ? "selected" : "",
                    /^#[A-Z/0]+[!?]?$/.test(String(value)) ? "error" : "",
                    overflows(r, c) ? "overflow" : "",
                  ];
                  return (
                    <td
                      key={c}
                      data-cell={`${columnLetters(c)}${r + 1}`}
                      className={classes.filter(Boolean).join(" ") || undefined}
                      title={typeof cell?.input === "string" && cell.input.startsWith("=") ? cell.input : undefined}
                      onMouseDown={(e) => select(r, c, e.shiftKey)}
                    >
                      {texts[r][c]}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {totalRows > rows && <p className="more">Showing the first {rows} rows; the sheet continues to row {totalRows - 5}.</p>}
        <Charts sheet={sheet} />
      </div>
      <nav className="tabs" aria-label="Sheets">
        {book.model.sheets.map((s) => (
          <button key={s.id} type="button" className="tab" aria-current={s === sheet ? "page" : undefined} onClick={() => book.select(s.name, "A1")}>
            {s.name}
          </button>
        ))}
      </nav>
    </section>
  );
}

/** Each chart drawn over the cells it covers, as a clustered column chart of its source. */
function Charts({ sheet }: { sheet: SheetModel }) {
  const ref = useRef<HTMLDivElement>(null);
  const [boxes, setBoxes] = useState<Record<string, { left: number; top: number; width: number; height: number }>>({});
  const key = sheet.charts.map((c) => `${c.name}@${c.position}`).join("|") + sheet.book.version;
  useLayoutEffect(() => {
    const table = ref.current?.parentElement?.querySelector("table");
    if (!table) return;
    const next: typeof boxes = {};
    for (const c of sheet.charts) {
      const [from, to = from] = c.position.split(":");
      const a = table.querySelector<HTMLElement>(`td[data-cell="${from}"]`);
      const b = table.querySelector<HTMLElement>(`td[data-cell="${to}"]`);
      if (a && b) next[c.name] = { left: a.offsetLeft, top: a.offsetTop, width: b.offsetLeft + b.offsetWidth - a.offsetLeft, height: b.offsetTop + b.offsetHeight - a.offsetTop };
    }
    setBoxes(next);
    // Measured again when the charts or the workbook change (key), not on every render.
  }, [key]);
  return (
    <div ref={ref}>
      {sheet.charts.map((c) => {
        const box = boxes[c.name];
        return box ? (
          <figure key={c.id} className="chart" style={box} aria-label={`Chart ${c.title || c.name}`} data-testid="chart">
            <ColumnChart sheet={sheet} source={c.source} title={c.title} width={box.width} height={box.height} />
          </figure>
        ) : null;
      })}
    </div>
  );
}

const PALETTE = ["#0f6cbd", "#c239b3", "#e3008c", "#107c10", "#ca5010"];

function ColumnChart({ sheet, source, title, width, height }: { sheet: SheetModel; source: string; title: string; width: number; height: number }) {
  const grid = sheet.values(source);
  const series = grid[0].slice(1).map(String);
  const categories = grid.slice(1).map((r) => String(r[0]));
  const data = grid.slice(1).map((r) => r.slice(1).map((v) => (typeof v === "number" ? v : 0)));
  const max = Math.max(1, ...data.flat());
  const W = Math.max(200, width), H = Math.max(150, height), pad = { l: 56, r: 8, t: 32, b: 44 };
  const slot = (W - pad.l - pad.r) / Math.max(1, categories.length);
  const bar = (slot * 0.8) / Math.max(1, series.length);
  const money = (v: number) => (v >= 1000 ? `$${Math.round(v / 1000)}k` : `${v}`);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
      <text x={W / 2} y={18} textAnchor="middle" className="chart-title">
        {title}
      </text>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={pad.l} x2={W - pad.r} y1={H - pad.b - f * (H - pad.t - pad.b)} y2={H - pad.b - f * (H - pad.t - pad.b)} stroke="#ddd" />
          <text x={pad.l - 4} y={H - pad.b - f * (H - pad.t - pad.b) + 4} textAnchor="end" className="chart-axis">
            {money(Math.round(max * f))}
          </text>
        </g>
      ))}
      {data.map((row, i) =>
        row.map((v, j) => {
          const h = (v / max) * (H - pad.t - pad.b);
          return <rect key={`${i}-${j}`} x={pad.l + i * slot + slot * 0.1 + j * bar} y={H - pad.b - h} width={bar * 0.9} height={h} fill={PALETTE[j % PALETTE.length]} />;
        }),
      )}
      {categories.map((c, i) => (
        <text key={c + i} x={pad.l + i * slot + slot / 2} y={H - pad.b + 14} textAnchor="middle" className="chart-axis">
          {c}
        </text>
      ))}
      {series.map((s, j) => (
        <g key={s}>
          <rect x={pad.l + j * 120} y={H - 16} width={10} height={10} fill={PALETTE[j % PALETTE.length]} />
          <text x={pad.l + j * 120 + 14} y={H - 7} className="chart-axis">
            {s}
          </text>
        </g>
      ))}
    </svg>
  );
}
