/**
 * The preview's spreadsheet: a formula bar, the active sheet's cells (computed values under their
 * number formats, bold, tables, frozen rows), its charts, and the sheet tabs. Clicking selects a
 * cell, Shift+click a range: that is the selection the add-in reads. Typing in a cell (or F2, or a
 * double-click) edits it as a user edits Excel: Enter commits through the emulation's user-typing path,
 * so dependents recalculate, and Esc cancels; while a cell is being edited the host is in cell-edit
 * mode, so the add-in's batches wait as they do in Excel.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { type RangeRef, columnLetters, parseRange, rangeAddress } from "../workbook/address";
import { type Cell, type EmulatedWorkbook, MAX_ROWS, type SheetModel, evaluationFailure, isFormulaCell } from "./excel-emulation";
import { readEntry } from "./excel-emulation/coercion";
import { formatValue } from "./format";

/** Rendering more columns than this would slow the page; the rest are counted, not drawn. */
export const MAX_RENDERED_COLUMNS = 100;
/** Column widths fit the text of this many rows (every row of a long sheet would take seconds a redraw). */
const WIDTH_SAMPLE_ROWS = 2000;
/** Rows are drawn only where the grid is scrolled to, plus this many above and below. */
const OVERSCAN = 20;
const ROW_HEIGHT = 24;

let canvas: CanvasRenderingContext2D | null | undefined;
/** Width in pixels of a cell's text in the grid's font (measured like Excel's autofit). */
function textWidth(text: string, bold: boolean): number {
  if (canvas === undefined) canvas = document.createElement("canvas").getContext("2d") ?? null;
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

/**
 * What editing a cell starts from, as Excel shows it: the formula, or the constant, with Excel's ' in front of
 * text that typing would not give back as that text ("'00123", "'=1+1"), so committing it unchanged keeps it.
 */
export function editText(cell: Cell | undefined, year: number): string {
  const input = cell?.input;
  if (input === undefined) return "";
  if (typeof input === "boolean") return input ? "TRUE" : "FALSE";
  if (typeof input === "number" || isFormulaCell(cell)) return String(input);
  const typed = readEntry(input, cell?.numberFormat, year);
  return typed.kind === "text" && typed.text === input ? input : `'${input}`;
}

const cellId = (address: string) => `grid-cell-${address}`;
const cellText = (sheet: SheetModel, row: number, column: number) => formatValue(sheet.value(row, column), sheet.numberFormat(row, column));

/**
 * Pixel widths of the first `columns` columns: like Excel, text runs on over empty cells to its right, so only
 * what cannot run on sets a column's width; columns the add-in fitted (format.autofitColumns) fit all their text.
 */
function columnWidths(sheet: SheetModel, rows: number, columns: number): number[] {
  const sample = Math.min(rows, WIDTH_SAMPLE_ROWS);
  const texts = Array.from({ length: sample }, (_, r) => Array.from({ length: columns }, (_, c) => cellText(sheet, r, c)));
  const fitted = new Set(sheet.autofitted.flatMap((a) => Array.from({ length: parseRange(a).columns }, (_, i) => parseRange(a).start.column + i)));
  return Array.from({ length: columns }, (_, c) => {
    let width = 0;
    for (let r = 0; r < sample; r++) {
      const runsOn = typeof sheet.value(r, c) === "string" && c + 1 < columns && texts[r][c + 1] === "";
      if (texts[r][c] !== "" && (fitted.has(c) || !runsOn)) width = Math.max(width, textWidth(texts[r][c], sheet.cell(r, c)?.bold === true));
    }
    return Math.min(320, Math.max(64, Math.ceil(width) + 16));
  });
}
/** The cell being edited; what is typed in it lives in a Draft. */
type Edit = { row: number; column: number };

/**
 * The text being typed, shared by the in-cell editor and the formula bar without redrawing the grid (thousands
 * of cells) on every keystroke.
 */
function createDraft() {
  let text = "";
  const listeners = new Set<() => void>();
  return {
    get: () => text,
    set(next: string) {
      text = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
type Draft = ReturnType<typeof createDraft>;

/** The formula bar's text: the draft while a cell is edited, else the active cell's content. */
function FormulaText({ draft, editing, text }: { draft: Draft; editing: boolean; text: string }) {
  const typed = useSyncExternalStore(draft.subscribe, draft.get);
  return <>{editing ? typed : text}</>;
}

export function Grid({ book }: { book: EmulatedWorkbook }) {
  const sheet = book.model.active;
  const selection = book.model.selection;
  const used = sheet.usedRange();
  // Room for the data and the charts, plus a margin of empty cells.
  const areas = [...(used ? [used] : []), ...sheet.charts.filter((c) => c.position).map((c) => parseRange(c.position))];
  const rows = Math.min(MAX_ROWS, Math.max(30, ...areas.map((a) => a.start.row + a.rows + 5)));
  const totalColumns = Math.max(10, ...areas.map((a) => a.start.column + a.columns + 2));
  const columns = Math.min(totalColumns, MAX_RENDERED_COLUMNS);
  const [anchor, setAnchor] = useState(selection.range.start);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const measureView = () => scrollRef.current && setView({ top: scrollRef.current.scrollTop, height: scrollRef.current.clientHeight });
  useLayoutEffect(() => {
    measureView();
  }, [sheet]);
  // A taller window shows more rows: draw them.
  useEffect(() => {
    window.addEventListener("resize", measureView);
    return () => window.removeEventListener("resize", measureView);
  }, []);
  const version = book.model.version;
  const widths = useMemo(() => columnWidths(sheet, rows, columns), [sheet, rows, columns, version]);
  const [draft] = useState(createDraft);
  const active = selection.sheet === sheet ? selection.range : null;
  const activeCell = active?.start ?? { row: 0, column: 0 };
  const activeAddress = `${columnLetters(activeCell.column)}${activeCell.row + 1}`;

  // Leaving the sheet (another tab, a reset) cancels an edit as Esc does, so the add-in's batches do not wait forever.
  useEffect(
    () => () => {
      setEdit(null);
      book.host.exitCellEditMode();
    },
    [book, sheet],
  );

  function select(row: number, column: number, extend: boolean) {
    const from = extend ? anchor : { row, column };
    if (!extend) setAnchor(from);
    const start = { row: Math.min(from.row, row), column: Math.min(from.column, column) };
    const range = { start, rows: Math.abs(from.row - row) + 1, columns: Math.abs(from.column - column) + 1 };
    book.select(sheet.name, rangeAddress(range));
  }

  function moveTo(row: number, column: number, extend = false) {
    const r = Math.min(rows - 1, Math.max(0, row));
    const c = Math.min(columns - 1, Math.max(0, column));
    select(r, c, extend);
    reveal(r, c);
  }

  /** Scrolls the cell into view below the header and frozen rows (it may not be drawn yet). */
  function reveal(row: number, column: number) {
    const el = scrollRef.current;
    if (!el) return;
    const top = ROW_HEIGHT * (row + 1);
    const pinned = ROW_HEIGHT * (1 + sheet.frozenRows);
    if (row >= sheet.frozenRows && top - pinned < el.scrollTop) el.scrollTop = top - pinned;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    const left = widths.slice(0, column).reduce((a, b) => a + b, 0);
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (40 + left + widths[column] > el.scrollLeft + el.clientWidth) el.scrollLeft = 40 + left + widths[column] - el.clientWidth;
  }

  function startEdit(row: number, column: number, text: string) {
    book.host.enterCellEditMode();
    setEditError(null);
    draft.set(text);
    setEdit({ row, column });
  }

  /** Enters the edit as the user's typing; false (and the reason shown) when Excel would refuse it. */
  function commit(current: Edit): boolean {
    try {
      book.userTypes(sheet.name, `${columnLetters(current.column)}${current.row + 1}`, draft.get());
    } catch (e) {
      setEditError(`${e instanceof Error ? e.message : String(e)} Correct it, or press Esc to cancel.`);
      return false;
    }
    finishEdit();
    return true;
  }

  function finishEdit() {
    setEdit(null);
    setEditError(null);
    book.host.exitCellEditMode();
    gridRef.current?.focus();
  }

  /** Keys while editing: Enter commits and moves down (Shift+Enter up), Tab right (Shift+Tab left); Esc cancels. */
  function onEditorKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    e.stopPropagation();
    if (!edit) return;
    const moves: Record<string, [number, number]> = { Enter: [e.shiftKey ? -1 : 1, 0], Tab: [0, e.shiftKey ? -1 : 1] };
    if (e.key === "Escape") {
      e.preventDefault();
      finishEdit();
    } else if (moves[e.key]) {
      e.preventDefault();
      if (commit(edit)) moveTo(edit.row + moves[e.key][0], edit.column + moves[e.key][1]);
    }
  }

  /**
   * Arrow keys move the active cell (Shift extends the selection), Enter moves down (Shift+Enter up); F2 edits the
   * active cell, a printable key starts typing over it, Delete clears the selected cells' contents. Tab is left
   * to the page, so the keyboard can leave the grid for the task pane.
   */
  function onKeyDown(e: React.KeyboardEvent) {
    if (edit) return;
    if (e.key === "F2") {
      e.preventDefault();
      startEdit(activeCell.row, activeCell.column, editText(sheet.cell(activeCell.row, activeCell.column), book.host.thisYear()));
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      startEdit(activeCell.row, activeCell.column, e.key);
      return;
    }
    if (e.key === "Delete" && active) {
      e.preventDefault();
      for (let r = active.start.row; r < active.start.row + active.rows; r++) {
        for (let c = active.start.column; c < active.start.column + active.columns; c++) if (sheet.cell(r, c)?.input !== undefined) book.userTypes(sheet.name, `${columnLetters(c)}${r + 1}`, "");
      }
      return;
    }
    if (e.key === "Enter") {
      e.preventDefault();
      moveTo(activeCell.row + (e.shiftKey ? -1 : 1), activeCell.column);
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const from = e.shiftKey && active ? { row: active.start.row === anchor.row ? active.start.row + active.rows - 1 : active.start.row, column: active.start.column === anchor.column ? active.start.column + active.columns - 1 : active.start.column } : active && within(active, anchor.row, anchor.column) ? anchor : activeCell;
    moveTo(from.row + move[0], from.column + move[1], e.shiftKey);
  }

  /** A click commits an edit in progress (Excel does too), then selects; a refused edit keeps its cell. */
  function onCellMouseDown(e: React.MouseEvent, row: number, column: number) {
    if (edit && (edit.row !== row || edit.column !== column)) {
      e.preventDefault();
      if (!commit(edit)) return;
    } else if (edit) return;
    select(row, column, e.shiftKey);
  }

  const formula = editText(sheet.cell(activeCell.row, activeCell.column), book.host.thisYear());
  // The rows drawn: the frozen ones, and those in view (jsdom and the first paint have no height: assume a screen).
  const frozen = Math.min(sheet.frozenRows, rows);
  const first = Math.max(frozen, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, first + Math.ceil((view.height || 900) / ROW_HEIGHT) + 2 * OVERSCAN);
  const drawn = [...Array.from({ length: frozen }, (_, r) => r), ...Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i)];
  const texts = new Map(drawn.map((r) => [r, Array.from({ length: columns }, (_, c) => cellText(sheet, r, c))]));
  // Read after the values above: evaluating them is what finds out whether the engine holds the workbook.
  const engineFailure = evaluationFailure(book.model.evaluator);
  // Like Excel, text runs on over empty cells to its right.
  const overflows = (r: number, c: number) => typeof sheet.value(r, c) === "string" && c + 1 < columns && texts.get(r)?.[c + 1] === "";
  const activeDrawn = drawn.includes(activeCell.row) && activeCell.column < columns;
  return (
    <section className="grid-area" aria-label="Workbook">
      <div className="formula-bar">
        <span className="name-box" aria-label="Selected range" data-testid="name-box">
          {active ? rangeAddress(active) : "A1"}
        </span>
        <span className="fx">fx</span>
        <output className="formula" aria-label="Formula of the active cell" data-testid="formula-bar">
          <FormulaText draft={draft} editing={edit !== null} text={formula} />
        </output>
        {edit && (
          <span className="edit-hint" data-testid="edit-hint">
            Editing {columnLetters(edit.column)}
            {edit.row + 1}: Enter commits, Esc cancels. The add-in waits until then, as in Excel.
          </span>
        )}
      </div>
      {engineFailure && (
        <p role="alert" className="grid-message" data-testid="engine-failure">
          Formulas are not calculated: the preview&apos;s formula engine (HyperFormula) cannot hold this workbook ({engineFailure}). Formula cells show #CALC!; every cell and formula is kept, and Download .xlsx saves them for Excel to
          calculate.
        </p>
      )}
      {editError && (
        <p role="alert" className="grid-message" data-testid="edit-error">
          {editError}
        </p>
      )}
      <p id="grid-keys" className="visually-hidden">
        Arrow keys move, Shift+arrows extend the selection. Type to replace the active cell, F2 to edit it; Enter commits, Esc cancels. Delete clears the selected cells.
      </p>
      <div className="grid-scroll" data-testid="grid" ref={scrollRef} onScroll={measureView}>
        <table
          ref={gridRef}
          role="grid"
          tabIndex={0}
          className="grid"
          aria-label={`Sheet ${sheet.name}`}
          aria-describedby="grid-keys"
          aria-activedescendant={edit || !activeDrawn ? undefined : cellId(activeAddress)}
          aria-rowcount={rows + 1}
          data-sheet={sheet.name}
          onKeyDown={onKeyDown}
          style={{ width: 40 + widths.reduce((a, b) => a + b, 0) }}
        >
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th className="corner" aria-hidden="true" />
              {Array.from({ length: columns }, (_, c) => (
                <th key={c} scope="col" className="col-head">
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {drawn.map((r) => [
              r === first && first > frozen && <Spacer key="above" rows={first - frozen} columns={columns} />,
              <tr key={r} aria-rowindex={r + 2} className={r < frozen ? "frozen" : undefined} style={r < frozen ? { top: ROW_HEIGHT * (r + 1) } : undefined}>
                <th scope="row" className="row-head">
                  {r + 1}
                </th>
                {Array.from({ length: columns }, (_, c) => {
                  const address = `${columnLetters(c)}${r + 1}`;
                  const cell = sheet.cell(r, c);
                  const value = sheet.value(r, c);
                  const editing = edit?.row === r && edit.column === c;
                  const selected = active !== null && within(active, r, c);
                  const classes = [
                    tableRole(sheet, r, c),
                    typeof value === "number" ? "num" : "",
                    cell?.bold ? "bold" : "",
                    selected ? "selected" : "",
                    /^#[A-Z/0]+[!?]?$/.test(String(value)) ? "error" : "",
                    overflows(r, c) && !editing ? "overflow" : "",
                    editing ? "editing" : "",
                  ];
                  return (
                    <td
                      key={c}
                      id={cellId(address)}
                      role="gridcell"
                      data-cell={address}
                      aria-selected={selected}
                      className={classes.filter(Boolean).join(" ") || undefined}
                      title={isFormulaCell(cell) ? cell.input : undefined}
                      onMouseDown={(e) => onCellMouseDown(e, r, c)}
                      onDoubleClick={() => !edit && startEdit(r, c, editText(cell, book.host.thisYear()))}
                    >
                      {editing ? <CellEditor address={address} draft={draft} onKeyDown={onEditorKeyDown} /> : texts.get(r)?.[c]}
                    </td>
                  );
                })}
              </tr>,
              r === last - 1 && last < rows && <Spacer key="below" rows={rows - last} columns={columns} />,
            ])}
          </tbody>
        </table>
        {totalColumns > columns && <p className="more">Showing the first {columns} columns; the sheet continues to column {columnLetters(totalColumns - 3)}.</p>}
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

/** The height of rows not drawn, so the scroll bar spans the whole sheet. */
function Spacer({ rows, columns }: { rows: number; columns: number }) {
  return (
    <tr aria-hidden="true">
      <td className="spacer" colSpan={columns + 1} style={{ height: rows * ROW_HEIGHT }} />
    </tr>
  );
}

/** The in-cell editor: focused with the caret after the text, as when Excel enters a cell. */
function CellEditor({ address, draft, onKeyDown }: { address: string; draft: Draft; onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const text = useSyncExternalStore(draft.subscribe, draft.get);
  useLayoutEffect(() => {
    const input = ref.current;
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
  }, []);
  return (
    <input
      ref={ref}
      className="cell-editor"
      aria-label={`Edit cell ${address}; Enter commits, Esc cancels`}
      data-testid="cell-editor"
      value={text}
      // Like Excel's, the editor runs on over the cells to its right as the text grows.
      style={{ width: `max(100%, ${text.length + 2}ch)` }}
      spellCheck={false}
      onChange={(e) => draft.set(e.target.value)}
      onKeyDown={onKeyDown}
    />
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
