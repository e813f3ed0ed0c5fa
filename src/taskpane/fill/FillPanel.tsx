import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
} from "@fluentui/react-components";
import { type CSSProperties, useEffect, useMemo, useRef, useState } from "react";
import { BAND_READING, CURRENT_RATES, type OptionNumber, formatDollars } from "../../core";
import { type FillProgress, type FillScope, type ReadResult, type RunOptions, type WriteResult, listTables, readFillSource, writeFill } from "../../workbook/excel/fill";
import { excelAvailable } from "../../workbook/excel/run";
import { type FillMode, type FillPlan, type FillSource, MODE_LABELS, detectColumns, resultsAddress } from "../../workbook/fill";
import { runFill } from "../../workbook/fill/session";
import { paneStyles as css } from "../styles";
import {
  bandRows,
  columnChoices,
  confirmText,
  count,
  leftOutText,
  liveModeWarning,
  optionOrder,
  placementText,
  planFor,
  whereText,
} from "./fillView";
import { type Status, StatusMessage } from "../StatusMessage";

const rates = CURRENT_RATES;

/** The workbook side of the tab; the pane passes Excel's, tests and the preview may pass their own. */
export interface FillExcel {
  listTables(): Promise<{ name: string; sheet: string }[]>;
  read(scope: FillScope, options: RunOptions): Promise<ReadResult>;
  write(plan: FillPlan, options: RunOptions): Promise<WriteResult>;
}

const NOT_IN_EXCEL = "Filling a sheet needs Excel. Open this pane from the ribbon in Excel, then try again.";

const excelFill: FillExcel = {
  listTables: () => (excelAvailable() ? listTables() : Promise.reject(new Error(NOT_IN_EXCEL))),
  read: (scope, options) => (excelAvailable() ? readFillSource(scope, options) : Promise.resolve({ kind: "failed", message: NOT_IN_EXCEL })),
  write: writeFill,
};

const group: CSSProperties = { display: "flex", flexDirection: "column" };

type ScopeKind = FillScope["kind"];

export function FillPanel({ excel = excelFill }: { excel?: FillExcel }) {
  const [scopeKind, setScopeKind] = useState<ScopeKind>("usedRange");
  const [tables, setTables] = useState<{ name: string; sheet: string }[] | null>(null);
  const [tableName, setTableName] = useState("");
  const [source, setSource] = useState<FillSource | null>(null);
  const [enrollmentColumn, setEnrollmentColumn] = useState(-1);
  const [siteColumn, setSiteColumn] = useState<number | null>(null);
  const [options, setOptions] = useState<OptionNumber[]>([1, 2, 3]);
  const [mode, setMode] = useState<FillMode>("portable");
  const [progress, setProgress] = useState<FillProgress | null>(null);
  /** The plan the confirmation asks about; only this exact plan may be written on "Replace". */
  const [confirming, setConfirming] = useState<FillPlan | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const abort = useRef<AbortController | null>(null);
  // The scope of the last read: Fill reads the same cells again, whatever the pickers show since.
  const readScope = useRef<FillScope | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const busy = progress !== null;

  // The question takes the focus, so keyboard and screen-reader users land on its answer.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const planned = useMemo(
    () => (source ? planFor(source, { enrollmentColumn, siteColumn, options, mode }, rates) : null),
    [source, enrollmentColumn, siteColumn, options, mode],
  );
  const plan = planned?.plan;
  const liveWarning = useMemo(() => (plan ? liveModeWarning(plan) : null), [plan]);

  async function chooseScope(kind: ScopeKind) {
    setScopeKind(kind);
    setSource(null);
    setConfirming(null);
    if (kind !== "table" || tables) return;
    try {
      const found = await excel.listTables();
      setTables(found);
      setTableName(found[0]?.name ?? "");
    } catch (error) {
      setStatus({ intent: "error", title: "Could not list the tables", text: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Progress and Cancel for one read (and write), from now. */
  function start(): RunOptions {
    abort.current = new AbortController();
    setStatus(null);
    setProgress({ phase: "read", done: 0, total: 0 });
    return { onProgress: setProgress, signal: abort.current.signal };
  }

  /** Says why a read brought nothing (failed, or Cancel). */
  function notRead(result: Exclude<ReadResult, { kind: "read" }>) {
    if (result.kind === "failed") setStatus({ intent: "error", title: "Could not read the sites", text: result.message });
    else setStatus({ intent: "warning", title: "Reading cancelled", text: "Nothing was changed." });
  }

  function show(read: FillSource) {
    const detected = detectColumns(read.formulas[0] ?? [], rates);
    setEnrollmentColumn(detected.enrollment ?? -1);
    setSiteColumn(detected.site);
    setSource(read);
  }

  async function read() {
    const scope: FillScope = scopeKind === "table" ? { kind: "table", name: tableName } : { kind: scopeKind };
    readScope.current = scope;
    setConfirming(null); // a question about the earlier read no longer applies
    const result = await excel.read(scope, start());
    setProgress(null);
    if (result.kind === "read") show(result.source);
    else notRead(result);
  }

  function written(fill: FillPlan, result: WriteResult) {
    // The sheet has changed: a further fill starts from a fresh read.
    setSource(null);
    if (result.kind === "failed") return setStatus({ intent: "error", title: "The fill stopped", text: result.message });
    if (result.kind === "cancelled") {
      return setStatus({
        intent: "warning",
        title: "Fill cancelled",
        text: `Cancelled after writing ${count(result.rowsDone, "row")}, which stay. Read the sheet and fill again to finish: the fill updates its own columns, so nothing is duplicated.`,
      });
    }
    const problems = fill.preview.invalid.length;
    setStatus({
      intent: "success",
      title: "Sheet filled",
      text:
        `Filled ${count(fill.preview.filled, "site")} of "${fill.sheet}" with recommended days and costs, selected now (${resultsAddress(fill)}). ${placementText(fill, rates)}` +
        (problems ? ` ${count(problems, "row")} with an enrollment problem: each shows an error in its own row.` : "") +
        (leftOutText(fill.preview) ? ` ${leftOutText(fill.preview)}` : ""),
    });
  }

  /**
   * The sheet may have been edited since "Read sites": the session reads it again and plans from what it holds now,
   * so no non-empty cell is replaced without a confirmation of this very plan (`confirmed`).
   */
  async function fill(confirmed: FillPlan | null) {
    setConfirming(null);
    const before = source;
    if (!before || !readScope.current) return;
    const choice = { enrollmentColumn, siteColumn, options, mode };
    const outcome = await runFill(excel, readScope.current, before, choice, confirmed, rates, start());
    setProgress(null);
    switch (outcome.kind) {
      case "notRead":
        return notRead(outcome.result);
      case "moved":
        show(outcome.fresh);
        return setStatus({
          intent: "warning",
          title: "The sites moved since they were read",
          text: "Nothing was written. Check the columns and the preview below, then choose Fill again.",
        });
      case "refused":
        return setSource(outcome.fresh); // the preview shows why the choice no longer fits
      case "upToDate":
        setSource(outcome.fresh);
        return setStatus({ intent: "success", title: "Already up to date", text: "The sheet already holds this fill: nothing to change." });
      case "confirm":
        setSource(outcome.fresh); // the preview shows what is written
        return setConfirming(outcome.plan);
      case "written":
        return written(outcome.plan, outcome.result);
    }
  }

  const toggleOption = (option: OptionNumber, on: boolean) =>
    setOptions((current) => optionOrder(on ? [...current, option] : current.filter((o) => o !== option)));

  const columnOptions = (source ? columnChoices(source) : []).map((c) => (
    <option key={c.index} value={c.index}>
      {c.label}
    </option>
  ));
  return (
    <section style={css.form} aria-label="Fill a sheet">
      <Text style={css.note}>
        Adds Recommended days and the cost of each option beside your list of sites, with a summary and a chart. {BAND_READING}
      </Text>

      <Field label="Where are your sites?">
        <RadioGroup value={scopeKind} onChange={(_, d) => void chooseScope(d.value as ScopeKind)} disabled={busy}>
          <Radio value="usedRange" label="The whole active sheet" />
          <Radio value="selection" label="The selected cells (with their header row)" />
          <Radio value="table" label="An Excel table" />
        </RadioGroup>
      </Field>
      {scopeKind === "table" && tables && (
        <Field label="Table" validationMessage={tables.length === 0 ? "This workbook has no tables. Choose the sheet or a selection instead." : undefined}>
          <Select value={tableName} onChange={(_, d) => setTableName(d.value)} disabled={busy || tables.length === 0}>
            {tables.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} (sheet {t.sheet})
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div style={css.actions}>
        <Button appearance={source ? "secondary" : "primary"} onClick={() => void read()} disabled={busy || (scopeKind === "table" && !tableName)}>
          {source ? "Read again" : "Read sites"}
        </Button>
      </div>

      {source && (
        <>
          <Text>
            Found {count(source.region.rows - 1, "row")} in {whereText(source)}.
          </Text>
          <Field label="Enrollment column" validationMessage={enrollmentColumn < 0 ? "No header looks like an enrollment. Choose the column." : undefined}>
            <Select value={String(enrollmentColumn)} onChange={(_, d) => setEnrollmentColumn(Number(d.value))} disabled={busy}>
              {enrollmentColumn < 0 && <option value="-1">Choose a column</option>}
              {columnOptions}
            </Select>
          </Field>
          <Field label="Site name column">
            <Select value={siteColumn === null ? "" : String(siteColumn)} onChange={(_, d) => setSiteColumn(d.value === "" ? null : Number(d.value))} disabled={busy}>
              <option value="">None</option>
              {columnOptions}
            </Select>
          </Field>
          <div role="group" aria-labelledby="fill-options-label" style={group}>
            <Text id="fill-options-label" weight="semibold">
              Price these options
            </Text>
            {rates.options.map((o) => (
              <Checkbox
                key={o.number}
                label={`${o.name} (${o.shortPeriod})`}
                checked={options.includes(o.number)}
                onChange={(_, d) => toggleOption(o.number, d.checked === true)}
                disabled={busy}
              />
            ))}
          </div>
          <Field label="Write as">
            <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as FillMode)} disabled={busy}>
              {(Object.keys(MODE_LABELS) as FillMode[]).map((m) => (
                <Radio key={m} value={m} label={MODE_LABELS[m]} />
              ))}
            </RadioGroup>
          </Field>
          {mode === "portable" && (
            <Text style={css.note}>Adds the sheet &quot;ITS Rates FY{rates.fiscalYear}&quot; with the memo&apos;s table; the formulas read it, so recipients without the add-in see the same numbers.</Text>
          )}
          {planned?.error && (
            <MessageBar intent="error">
              <MessageBarBody>{planned.error}</MessageBarBody>
            </MessageBar>
          )}
          {liveWarning && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Large for live formulas</MessageBarTitle>
                {liveWarning}
              </MessageBarBody>
            </MessageBar>
          )}
          {plan && <Preview plan={plan} />}
          {plan && <Text>Results go here: {placementText(plan, rates)}</Text>}
          <div style={css.actions}>
            <Button appearance="primary" onClick={() => void fill(null)} disabled={busy || confirming !== null || !plan}>
              Fill {count(source.region.rows - 1, "row")}
            </Button>
          </div>
        </>
      )}

      {confirming && (
        // An inline alert dialog: the pane stays small (a modal Dialog would cost the bundle budget), and
        // nothing is written until the user answers.
        <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-labelledby="fill-confirm-title" aria-describedby="fill-confirm-text">
          <MessageBarBody>
            <MessageBarTitle id="fill-confirm-title">Replace {count(confirming.changes, "cell")}?</MessageBarTitle>
            <span id="fill-confirm-text">{confirmText(confirming, rates)}</span>
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={confirmRef} appearance="primary" onClick={() => void fill(confirming)}>
              Replace and fill
            </Button>
            <Button onClick={() => setConfirming(null)}>Don&apos;t fill</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {progress && (
        <div style={css.actions}>
          <Field
            label={progress.phase === "read" ? `Reading rows: ${progress.done.toLocaleString("en-US")} of ${progress.total ? progress.total.toLocaleString("en-US") : "..."}` : `Writing: block ${progress.done} of ${progress.total}`}
            style={{ flexGrow: 1 }}
          >
            <ProgressBar value={progress.total ? progress.done / progress.total : undefined} />
          </Field>
          <Button onClick={() => abort.current?.abort()}>Cancel</Button>
        </div>
      )}

      <StatusMessage status={status} />

    </section>
  );
}

function Preview({ plan }: { plan: FillPlan }) {
  const { preview } = plan;
  const leftOut = leftOutText(preview);
  const chosen = new Set(plan.targets.map((t) => t.option));
  return (
    <>
      <Text>
        {count(preview.rows, "row")}: {count(preview.filled, "site")} to fill, {count(preview.blanks, "blank row")} (left blank),{" "}
        {count(preview.invalid.length, "invalid row")}
        {preview.totalRows.length > 0 ? `, ${count(preview.totalRows.length, "total row")} (left out)` : ""}.
      </Text>
      {leftOut && (
        <MessageBar intent="info">
          <MessageBarBody>{leftOut}</MessageBarBody>
        </MessageBar>
      )}
      {preview.invalid.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Rows with an enrollment problem get an error in their own row</MessageBarTitle>
            {preview.invalid
              .slice(0, 3)
              .map((p) => `Row ${p.row}${p.site ? ` (${p.site})` : ""}: ${p.message}`)
              .join(" ")}
            {preview.invalid.length > 3 ? ` And ${count(preview.invalid.length - 3, "more row")}.` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      <table style={css.table} aria-label="Sites per recommended days">
        <thead>
          <tr style={css.columnHeader}>
            <th scope="col" style={css.cell}>
              Enrollment band
            </th>
            <th scope="col" style={{ ...css.cell, ...css.number }}>
              Sites
            </th>
          </tr>
        </thead>
        <tbody>
          {bandRows(plan, rates).map((b) => (
            <tr key={b.label}>
              <th scope="row" style={css.cell}>
                {b.label}
              </th>
              <td style={{ ...css.cell, ...css.number }}>{b.sites.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table style={css.table} aria-label="Total per option">
        <thead>
          <tr style={css.columnHeader}>
            <th scope="col" style={css.cell}>
              Option
            </th>
            <th scope="col" style={{ ...css.cell, ...css.number }}>
              Total for all sites
            </th>
          </tr>
        </thead>
        <tbody>
          {rates.options.map((o, i) => (
            <tr key={o.number}>
              <th scope="row" style={css.cell}>
                {o.name}
                {chosen.has(o.number) ? "" : " (not added)"}
              </th>
              <td style={{ ...css.cell, ...css.number }}>{formatDollars(preview.totals[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.changes > 0 && <Text>{count(plan.changes, "non-empty cell")} would change: you will be asked to confirm.</Text>}
    </>
  );
}
