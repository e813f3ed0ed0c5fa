import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Text,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { BAND_READING, RATE_TABLES, type RateTable, compareOptions, type OptionNumber, formatDollars } from "../../core";
import type { ListedChange, QuotePlanOutcome, QuoteWriteOptions, SiteQuote } from "../../workbook/quote/budgetSheet";
import { BUDGET_SHEET, sheetNameProblem } from "../../workbook/quote/sheetName";
import type { AddQuoteResult } from "../../workbook/excel/quote";
import type { ExcelFailure } from "../../workbook/excel/errors";
import { paneStyles as css } from "../styles";
import { type OptionChoice, type QuoteFormState, initialForm, viewOf } from "./quoteForm";

const daysText = (n: number) => `${n} ${n === 1 ? "day" : "days"} a week`;

/** Writes a quote to the workbook; supplied by the pane so tests and the preview can stand in for Excel. */
export type AddQuote = (quote: SiteQuote, options: QuoteWriteOptions) => Promise<AddQuoteResult>;

type Pending = Extract<QuotePlanOutcome, { kind: "confirmUpdate" | "sheetNotOurs" | "adopt" | "otherYear" }>;
type AddOptions = Partial<Pick<QuoteWriteOptions, "sheetName" | "confirmUpdate" | "confirmed" | "adopt">>;
/** How many changed cells a question lists before "and N more". */
const LISTED = 8;
/** A cell can hold 32,767 characters: the question shows the start of long text. */
const shortened = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
type Status = { intent: "success" | "error"; title: string; text: string } | null;

/**
 * `rateTables`: the fiscal years the user can price with, oldest first (the bundled ones); with more than one the pane
 * offers a choice, the newest first chosen.
 */
export function QuotePanel({ canWrite, addQuote, rateTables = RATE_TABLES }: { canWrite: boolean | "pending"; addQuote: AddQuote; rateTables?: readonly RateTable[] }) {
  const newest = rateTables[rateTables.length - 1];
  const [fiscalYear, setFiscalYear] = useState(newest.fiscalYear);
  const ratesOf = (year: string): RateTable => rateTables.find((t) => t.fiscalYear === year) ?? newest;
  const rates = ratesOf(fiscalYear);
  const dayChoices = Array.from({ length: rates.maxDays + 1 }, (_, d) => d);
  const [form, setForm] = useState<QuoteFormState>(initialForm);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [formulas, setFormulas] = useState(true);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [newSheet, setNewSheet] = useState("");
  // The user let the add-in manage a budget an earlier version made: kept for the update question that may follow.
  const [adopt, setAdopt] = useState(false);
  // Likewise the year the user chose for a budget that names none.
  const [agreedYear, setAgreedYear] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const view = viewOf(form, rates);
  const promptRef = useRef<HTMLButtonElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  // A question for the user takes the focus, so keyboard users land on its answer.
  useEffect(() => promptRef.current?.focus(), [pending]);

  const update = (change: Partial<QuoteFormState>) => {
    setForm((f) => ({ ...f, ...change }));
    setPending(null);
    setAdopt(false);
    setAgreedYear(null);
  };
  const touch = (field: string) => setTouched((t) => (t[field] ? t : { ...t, [field]: true }));
  const shownError = (field: keyof typeof view.errors) => (touched[field] ? view.errors[field] : undefined);

  const chooseYear = (year: string) => {
    setFiscalYear(year);
    setPending(null);
    setAgreedYear(null);
  };

  /** Adds the quote priced with `year` (the chosen one; a year the user picks in answer to a question becomes the chosen one). */
  async function add(extra: AddOptions = {}, year = fiscalYear, agreed = false) {
    // Priced with the year it is written with: the recommendation, and so the days, may differ between years.
    const priced = year === fiscalYear ? view : viewOf(form, ratesOf(year));
    if (!priced.quote) return;
    setFiscalYear(year);
    setBusy(true);
    setStatus(null);
    const adopting = extra.adopt ?? adopt;
    const agreeing = agreed || agreedYear === year;
    const result = await addQuote(priced.quote, {
      sheetName: extra.sheetName ?? BUDGET_SHEET,
      formulas,
      confirmUpdate: extra.confirmUpdate ?? false,
      ...(extra.confirmed !== undefined ? { confirmed: extra.confirmed } : {}),
      ...(adopting ? { adopt: true } : {}),
      fiscalYear: year,
      ...(agreeing ? { agreedYear: year } : {}),
    });
    setBusy(false);
    setPending(null);
    setAdopt(adopting && result.kind === "confirmUpdate");
    setAgreedYear(agreeing && result.kind === "confirmUpdate" ? year : null);
    // Answers to a question unmount with it: bring keyboard focus back to the main action.
    if (result.kind !== "confirmUpdate" && result.kind !== "sheetNotOurs" && result.kind !== "adopt" && result.kind !== "otherYear") addRef.current?.focus();
    switch (result.kind) {
      case "plan":
        setStatus({
          intent: "success",
          title: result.action === "added" ? "Added" : "Updated",
          text: `${priced.quote.site}: ${formatDollars(priced.priced?.total ?? 0)} a year at FY ${year} rates, row ${result.row} of sheet "${result.sheet}".`,
        });
        return;
      case "confirmUpdate":
      case "sheetNotOurs":
      case "adopt":
      case "otherYear":
        if (result.kind === "sheetNotOurs") setNewSheet(result.suggestedName);
        setPending(result);
        return;
      case "blocked":
        setStatus({ intent: "error", title: "Not added", text: result.message });
        return;
      case "failed":
        setStatus({ intent: "error", title: "Not added", text: failureText(result.failure) });
        return;
    }
  }

  const missing = Object.values(view.errors);
  const newSheetProblem = pending?.kind === "sheetNotOurs" ? sheetNameProblem(newSheet, [pending.sheet]) : null;
  const mainDaysLabel = form.option === "split" ? "Outside Summer days a week" : "Days a week to buy";
  const comparisonDays = view.days ?? 0;

  return (
    <form style={css.form} onSubmit={(e) => e.preventDefault()} aria-label="Quote for one site">
      {rateTables.length > 1 ? (
        <Field label="Fiscal year" hint={`ITS memo of ${rates.source.date}. The budget sheet's formulas name this year.`}>
          <Select value={fiscalYear} onChange={(_, d) => chooseYear(d.value)}>
            {rateTables.map((t) => (
              <option key={t.fiscalYear} value={t.fiscalYear}>
                FY {t.fiscalYear} rates
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <Text>FY {rates.fiscalYear} rates (ITS memo of {rates.source.date})</Text>
      )}

      <Field label="Site name" required validationMessage={shownError("site")}>
        <Input value={form.site} onChange={(_, d) => (update({ site: d.value }), touch("site"))} onBlur={() => touch("site")} />
      </Field>

      <Field label="Kind of site">
        <RadioGroup value={form.kind} onChange={(_, d) => update({ kind: d.value as QuoteFormState["kind"] })}>
          <Radio value="school" label="School (enter its enrollment)" />
          <Radio value="office" label="Office or Virtual Academy (no enrollment: choose days)" />
        </RadioGroup>
      </Field>

      {form.kind === "school" && (
        <Field label="Enrollment (students)" required validationMessage={shownError("enrollment")}>
          <Input
            inputMode="numeric"
            value={form.enrollment}
            onChange={(_, d) => (update({ enrollment: d.value }), touch("enrollment"))}
            onBlur={() => touch("enrollment")}
          />
        </Field>
      )}

      {view.recommendation && (
        <div style={css.recommendation} role="status" aria-label="Recommendation">
          <Text weight="semibold">ITS recommends {daysText(view.recommendation.days)}</Text>
          <Text>
            {view.recommendation.bandLabel} → {view.recommendation.days} {view.recommendation.days === 1 ? "day" : "days"}
          </Text>
          <Text size={200} style={css.note}>
            {BAND_READING}
          </Text>
        </div>
      )}

      <Field label={mainDaysLabel} validationMessage={shownError("days")} hint={form.days === null && view.recommendation ? "Set to the recommendation." : undefined}>
        <RadioGroup
          layout="horizontal"
          value={view.days === null ? "" : String(view.days)}
          onChange={(_, d) => (update({ days: Number(d.value) }), touch("days"))}
        >
          {dayChoices.map((d) => (
            <Radio key={d} value={String(d)} label={String(d)} aria-label={daysText(d)} />
          ))}
        </RadioGroup>
      </Field>

      {form.days !== null && view.recommendation && form.days !== view.recommendation.days && (
        <div>
          <Button size="small" appearance="subtle" onClick={() => update({ days: null })}>
            Use the recommended {daysText(view.recommendation.days)}
          </Button>
        </div>
      )}

      {view.advice.map((a) => (
        <MessageBar key={a.text} intent={a.level === "warning" ? "warning" : "info"}>
          <MessageBarBody>{a.text}</MessageBarBody>
        </MessageBar>
      ))}

      <Field label="Option">
        <RadioGroup
          value={String(form.option)}
          onChange={(_, d) => update({ option: (d.value === "split" ? "split" : (Number(d.value) as OptionNumber)) as OptionChoice })}
        >
          {rates.options.map((o) => (
            <Radio key={o.number} value={String(o.number)} label={`${o.name} (${o.period})`} />
          ))}
          <Radio value="split" label="Split: some days Outside Summer plus some days Summer Only" />
        </RadioGroup>
      </Field>

      {form.option === "split" && (
        <Field label="Summer Only days a week (July 1 through July 16)">
          <RadioGroup layout="horizontal" value={String(form.summerDays)} onChange={(_, d) => update({ summerDays: Number(d.value) })}>
            {dayChoices.map((d) => (
              <Radio key={d} value={String(d)} label={String(d)} aria-label={`${daysText(d)} in summer`} />
            ))}
          </RadioGroup>
        </Field>
      )}

      {view.days !== null && (
        <table style={css.table} aria-label={`Cost of ${daysText(comparisonDays)} under each option`}>
          <thead>
            <tr style={css.columnHeader}>
              <th scope="col" style={css.cell}>
                Option ({daysText(comparisonDays)})
              </th>
              <th scope="col" style={css.cell}>
                Dates
              </th>
              <th scope="col" style={{ ...css.cell, ...css.number }}>
                Annual cost
              </th>
            </tr>
          </thead>
          <tbody>
            {compareOptions(comparisonDays, rates).map((line) => {
              const chosen = form.option === line.option.number;
              return (
                <tr key={line.option.number} style={chosen ? css.chosen : undefined}>
                  <th scope="row" style={css.cell}>
                    {line.option.name}
                    {chosen ? " (chosen)" : ""}
                  </th>
                  <td style={{ ...css.cell, ...css.nowrap }}>{line.option.shortPeriod}</td>
                  <td style={{ ...css.cell, ...css.number }}>{formatDollars(line.cost)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <div aria-live="polite">
        {view.priced && (
          <Text as="p" style={css.total}>
            Quote total: {formatDollars(view.priced.total)} a year ({view.priced.description})
          </Text>
        )}
      </div>

      <Checkbox
        checked={formulas}
        onChange={(_, d) => setFormulas(Boolean(d.checked))}
        label="Live formulas: the sheet recalculates when enrollment changes (needs this add-in; uncheck to write plain numbers)"
      />

      <div style={css.actions}>
        <Button
          ref={addRef}
          appearance="primary"
          disabled={!view.quote || canWrite !== true}
          disabledFocusable={busy}
          onClick={() => add()}
        >
          {busy ? "Adding..." : "Add to budget sheet"}
        </Button>
      </div>
      {canWrite === false && (
        <MessageBar intent="info">
          <MessageBarBody>
            Adding to a sheet needs Excel: open this pane from the ITS Budget button on Excel's Home tab. The quote above works here too.
          </MessageBarBody>
        </MessageBar>
      )}
      {canWrite !== false && !view.quote && missing.length > 0 && (
        <Text size={200} style={css.note}>
          To add the quote: {missing.join(" ")}
        </Text>
      )}

      {pending?.kind === "adopt" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>A budget table from an earlier version</MessageBarTitle>
            The {pending.table} table on "{pending.sheet}" looks like one an earlier version of this add-in made, which did not record what it
            made. Let the add-in manage that table from now on? It records this on the sheet (no cell changes for it), then adds the quote as
            usual. Nothing has been changed yet.
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={promptRef} appearance="primary" onClick={() => add({ adopt: true })}>
              Use this table
            </Button>
            <Button onClick={() => setPending(null)}>Cancel</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {pending?.kind === "otherYear" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{pending.budgetYear ? `This budget is FY ${pending.budgetYear}` : "This budget names no fiscal year"}</MessageBarTitle>
            {pending.message}
          </MessageBarBody>
          <MessageBarActions>
            {pending.choices.map((year, i) => (
              <Button key={year} ref={i === 0 ? promptRef : undefined} appearance={i === 0 ? "primary" : "secondary"} onClick={() => add({}, year, true)}>
                Add at FY {year} rates
              </Button>
            ))}
            <Button ref={pending.choices.length === 0 ? promptRef : undefined} onClick={() => setPending(null)}>
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {pending?.kind === "confirmUpdate" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{view.quote?.site} is already in the budget</MessageBarTitle>
            Row {pending.row} of "{pending.sheet}" has {pending.current}. Replace it with this quote?
            <ChangeList changes={pending.changes ?? []} />
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={promptRef} appearance="primary" onClick={() => add({ confirmUpdate: true, ...(pending.token !== undefined ? { confirmed: pending.token } : {}) })}>
              Update row {pending.row}
            </Button>
            <Button onClick={() => setPending(null)}>Keep the existing row</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {pending?.kind === "sheetNotOurs" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>"{pending.sheet}" is not an ITS Budget sheet</MessageBarTitle>
            That sheet already holds data this add-in did not write, so nothing was changed. Put the budget table on a new sheet instead:
            <Field label="New sheet name" validationMessage={newSheetProblem ?? undefined}>
              <Input value={newSheet} onChange={(_, d) => setNewSheet(d.value)} />
            </Field>
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={promptRef} appearance="primary" disabled={newSheetProblem !== null} onClick={() => add({ sheetName: newSheet.trim() })}>
              Create sheet and add
            </Button>
            <Button onClick={() => setPending(null)}>Cancel</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {status && (
        <MessageBar intent={status.intent} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{status.title}</MessageBarTitle>
            {status.text}
          </MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

/** What an update changes, as the planner computed it from the plan it applies: header, cell, old -> new. */
function ChangeList({ changes }: { changes: readonly ListedChange[] }) {
  if (changes.length === 0) return <Text as="p">Nothing in the row would change.</Text>;
  const shown = changes.slice(0, LISTED);
  return (
    <>
      <Text as="p">
        {changes.length} {changes.length === 1 ? "cell changes" : "cells change"}; nothing else in the workbook changes:
      </Text>
      <ul aria-label="What changes">
        {shown.map((c) => (
          <li key={`${c.sheet}!${c.address}`}>
            {c.header || c.address} ({c.address}): {shortened(c.before)} → {shortened(c.after)}
          </li>
        ))}
        {changes.length > shown.length && <li>and {changes.length - shown.length} more</li>}
      </ul>
    </>
  );
}

/** Excel's remedy, then how to try again from this pane. */
function failureText(failure: ExcelFailure): string {
  switch (failure.problem) {
    case "excelTooOld":
      return failure.remedy;
    case "unknown":
      return `${failure.remedy} Check the ITS Budget sheet, then click Add to budget sheet again: adding the same site again updates its row instead of duplicating it.`;
    default:
      return `${failure.remedy} Then click Add to budget sheet again.`;
  }
}
