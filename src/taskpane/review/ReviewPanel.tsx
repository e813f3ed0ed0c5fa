import {
  Button,
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
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { CURRENT_RATES, formatDollars } from "../../core";
import { listTables } from "../../workbook/excel/fill";
import { type ReviewProgress, type ReviewReadResult, type ReviewScope, type ReviewWriteResult, readReviewSource, writeReview } from "../../workbook/excel/review";
import type { RunOptions } from "../../workbook/excel/fill";
import { excelAvailable } from "../../workbook/excel/run";
import { REVIEW_HEADER, type ReviewColumnName, type ReviewColumns, type ReviewPlan, type ReviewSource, detectReviewColumns, optionTotalLabel } from "../../workbook/review";
import { count } from "../fill/fillView";
import { paneStyles } from "../styles";
import { PICKERS, columnChoices, countRows, pickerLabel, reviewFor, sameLayout, whereText } from "./reviewView";
import { type Status, StatusMessage } from "../StatusMessage";

const rates = CURRENT_RATES;
const css = { ...paneStyles, list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL } };

/** The workbook side of the tab; the pane passes Excel's, tests and the preview may pass their own. */
export interface ReviewExcel {
  listTables(): Promise<{ name: string; sheet: string }[]>;
  read(scope: ReviewScope, options: RunOptions): Promise<ReviewReadResult>;
  write(plan: ReviewPlan, options: RunOptions): Promise<ReviewWriteResult>;
}

const NOT_IN_EXCEL = "Reviewing a budget needs Excel. Open this pane from the ribbon in Excel, then try again.";

const excelReview: ReviewExcel = {
  listTables: () => (excelAvailable() ? listTables() : Promise.reject(new Error(NOT_IN_EXCEL))),
  read: (scope, options) => (excelAvailable() ? readReviewSource(scope, options) : Promise.resolve({ kind: "failed", message: NOT_IN_EXCEL })),
  write: writeReview,
};

type ScopeKind = ReviewScope["kind"];

const NO_COLUMNS: ReviewColumns = { site: null, enrollment: null, days: null, option: null, cost: null, summerDays: null };

export function ReviewPanel({ excel = excelReview }: { excel?: ReviewExcel }) {
  const [scopeKind, setScopeKind] = useState<ScopeKind>("usedRange");
  const [tables, setTables] = useState<{ name: string; sheet: string }[] | null>(null);
  const [tableName, setTableName] = useState("");
  const [source, setSource] = useState<ReviewSource | null>(null);
  const [columns, setColumns] = useState<ReviewColumns>(NO_COLUMNS);
  const [progress, setProgress] = useState<ReviewProgress | null>(null);
  /** The plan the confirmation asks about; only a fresh plan that writes the same cells may be written on "Write findings". */
  const [confirming, setConfirming] = useState<ReviewPlan | null>(null);
  /** The plan last written, whose counts the pane shows. */
  const [written, setWritten] = useState<ReviewPlan | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const abort = useRef<AbortController | null>(null);
  const readScope = useRef<ReviewScope | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const busy = progress !== null;

  // The question takes the focus, so keyboard and screen-reader users land on its answer.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const planned = useMemo(() => (source ? reviewFor(source, columns, rates) : null), [source, columns]);

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

  async function readSource(scope: ReviewScope): Promise<ReviewSource | null> {
    abort.current = new AbortController();
    setStatus(null);
    setProgress({ phase: "read", done: 0, total: 0 });
    const result = await excel.read(scope, { onProgress: setProgress, signal: abort.current.signal });
    setProgress(null);
    if (result.kind === "failed") setStatus({ intent: "error", title: "Could not read the budget", text: result.message });
    if (result.kind === "cancelled") setStatus({ intent: "warning", title: "Reading cancelled", text: "Nothing was changed." });
    return result.kind === "read" ? result.source : null;
  }

  async function read() {
    const scope: ReviewScope = scopeKind === "table" ? { kind: "table", name: tableName } : { kind: scopeKind };
    readScope.current = scope;
    setConfirming(null);
    setWritten(null);
    const fresh = await readSource(scope);
    if (!fresh) return;
    setColumns(detectReviewColumns(fresh.values[0] ?? [], rates));
    setSource(fresh);
  }

  /** The sheet may have changed since it was read: read it again, and write only what the confirmation named. */
  async function write(confirmed: ReviewPlan) {
    setConfirming(null);
    const before = source;
    if (!before || !readScope.current) return;
    const fresh = await readSource(readScope.current);
    if (!fresh) return;
    if (!sameLayout(before, fresh, columns)) {
      setColumns(detectReviewColumns(fresh.values[0] ?? [], rates));
      setSource(fresh);
      return setStatus({ intent: "warning", title: "The budget moved since it was read", text: "Nothing was written. Check the columns below, then review again." });
    }
    setSource(fresh);
    const next = reviewFor(fresh, columns, rates).plan;
    if (!next) return; // the pane shows why the columns no longer fit
    if (next.confirmation !== confirmed.confirmation) return setConfirming(next);
    abort.current = new AbortController();
    setProgress({ phase: "write", done: 0, total: next.blocks.length });
    const result = await excel.write(next, { onProgress: setProgress, signal: abort.current.signal });
    setProgress(null);
    setSource(null);
    if (result.kind === "failed") return setStatus({ intent: "error", title: "The review stopped", text: result.message });
    if (result.kind === "cancelled") {
      return setStatus({
        intent: "warning",
        title: "Review cancelled",
        text: `Cancelled after writing ${count(result.rowsDone, "row")} of findings, which stay; the "${next.reviewSheet.name}" sheet was not added. Read the budget and review again to finish.`,
      });
    }
    setWritten(next);
    setStatus({
      intent: "success",
      title: "Review written",
      text: `${count(next.withFindings, "row")} with findings and ${count(next.ok, "row")} OK, in column "${REVIEW_HEADER}" (${next.target.address}) of "${next.sheet}"; counts and totals per option are on the "${next.reviewSheet.name}" sheet.`,
    });
  }

  const choose = (name: ReviewColumnName, value: string) => setColumns((c) => ({ ...c, [name]: value === "" ? null : Number(value) }));
  const options = (source ? columnChoices(source) : []).map((c) => (
    <option key={c.index} value={c.index}>
      {c.label}
    </option>
  ));
  const plan = planned?.plan;
  return (
    <section style={css.form} aria-label="Review a budget">
      <Text style={css.note}>
        Checks each site&apos;s days bought, option and cost against the ITS memo and writes the findings in a new column beside the budget, with the counts on an
        &quot;ITS Review&quot; sheet. No cell you typed changes.
      </Text>

      <Field label="Where is the budget?">
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
          {source ? "Read again" : "Read budget"}
        </Button>
      </div>

      {source && (
        <>
          <Text>
            Found {count(source.region.rows - 1, "row")} in {whereText(source)}.
          </Text>
          {PICKERS.map(({ name, optional }) => (
            <Field
              key={name}
              label={pickerLabel(name)}
              validationMessage={!optional && columns[name] === null ? `No header looks like the ${pickerLabel(name).toLowerCase()}. Choose it.` : undefined}
            >
              <Select value={columns[name] === null ? "" : String(columns[name])} onChange={(_, d) => choose(name, d.value)} disabled={busy}>
                <option value="">{optional ? "None" : "Choose a column"}</option>
                {options}
              </Select>
            </Field>
          ))}
          {columns.enrollment === null && <Text style={css.note}>Without an enrollment column, days are not checked against the recommendation.</Text>}
          {planned?.error && (
            <MessageBar intent="error">
              <MessageBarBody>{planned.error}</MessageBarBody>
            </MessageBar>
          )}
          {plan && <Findings plan={plan} />}
          <div style={css.actions}>
            <Button appearance="primary" onClick={() => plan && setConfirming(plan)} disabled={busy || confirming !== null || !plan}>
              Review {count(source.region.rows - 1, "row")}
            </Button>
          </div>
        </>
      )}

      {confirming && (
        // An inline alert dialog, as in the fill: nothing is written until the user answers.
        <MessageBar intent="info" layout="multiline" role="alertdialog" aria-labelledby="review-confirm-title" aria-describedby="review-confirm-text">
          <MessageBarBody>
            <MessageBarTitle id="review-confirm-title">Write the findings?</MessageBarTitle>
            <span id="review-confirm-text">{confirming.confirmation}</span>
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={confirmRef} appearance="primary" onClick={() => void write(confirming)}>
              Write findings
            </Button>
            <Button onClick={() => setConfirming(null)}>Don&apos;t write</Button>
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
      {written && <Findings plan={written} />}
    </section>
  );
}

/** A table with a label column and number columns, as the pane shows counts and totals. */
function NumberTable({ label, columns, rows }: { label: string; columns: readonly string[]; rows: readonly (readonly [string, ...string[]])[] }) {
  return (
    <table style={css.table} aria-label={label}>
      <thead>
        <tr style={css.columnHeader}>
          {columns.map((c, i) => (
            <th key={c} scope="col" style={i === 0 ? css.cell : { ...css.cell, ...css.number }}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...numbers]) => (
          <tr key={name}>
            <th scope="row" style={css.cell}>
              {name}
            </th>
            {numbers.map((n, i) => (
              <td key={i} style={{ ...css.cell, ...css.number }}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Counts per kind of finding, the first findings, and the encumbrance per option. */
function Findings({ plan }: { plan: ReviewPlan }) {
  return (
    <>
      <NumberTable label="Findings per kind" columns={["Finding", "Rows"]} rows={countRows(plan).map((r) => [r.label, r.rows.toLocaleString("en-US")])} />
      {plan.examples.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>First findings</MessageBarTitle>
            <ul style={css.list}>
              {plan.examples.map((e) => (
                <li key={e.row}>{`Row ${e.row}${e.site ? ` (${e.site})` : ""}: ${e.text}`}</li>
              ))}
            </ul>
            {plan.withFindings > plan.examples.length ? `And ${count(plan.withFindings - plan.examples.length, "more row")}.` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      <NumberTable
        label="Encumbrance per option"
        columns={["Option", "Sites", "Cost as entered"]}
        rows={plan.totals.map((t) => [optionTotalLabel(t.option, rates), t.sites.toLocaleString("en-US"), formatDollars(t.cost)])}
      />
    </>
  );
}
