/**
 * "Check this Excel", for the district's IT staff: runs the add-in's assumptions about Excel on scratch sheets
 * (../../workbook/excel/diagnostic.ts) and shows a table of results that can be copied as plain text.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { CHECKS, type DiagnosticReport, type Outcome, checkOf, leftSheetsWarning, meaning, reportText, tally } from "../../workbook/diagnostic/checks";
import { checkThisExcel } from "../../workbook/excel/diagnostic";
import { excelAvailable } from "../../workbook/excel/run";
import { paneStyles as css } from "../styles";

const OUTCOME_LABELS: Record<Outcome, string> = { pass: "Pass", fail: "Fail", "could not run": "Could not run" };

type Copy = "idle" | "copied" | "manual";

/** The clipboard API, where the host allows it (an add-in's frame may not); false lets the user copy by hand. */
async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CheckExcel({ check = checkThisExcel, inExcel = excelAvailable() }: { check?: () => Promise<DiagnosticReport>; inExcel?: boolean }) {
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DiagnosticReport | null>(null);
  const [copy, setCopy] = useState<Copy>("idle");

  async function run() {
    setRunning(true);
    setCopy("idle");
    try {
      setReport(await check());
    } finally {
      setRunning(false);
    }
  }

  async function copyResults(text: string) {
    setCopy((await copyToClipboard(text)) ? "copied" : "manual");
  }

  const text = report ? reportText(report) : "";
  return (
    <section aria-labelledby="check-excel-title" style={css.form}>
      <Text as="h3" id="check-excel-title" weight="semibold">
        Check this Excel (for IT staff)
      </Text>
      <p style={css.muted}>
        Checks whether this Excel behaves as the add-in assumes in {CHECKS.length} places where Microsoft's documentation is silent. It adds two
        scratch sheets (named like ITS_check_20261202_154012 and FY25), runs the checks there and removes both; nothing else in the workbook
        changes. It takes a few seconds. Run it once on each Excel you support (Windows, Mac, web) and keep the copied results.
      </p>
      <div style={css.actions}>
        <Button appearance="secondary" disabled={!inExcel || running} onClick={() => void run()}>
          Check this Excel
        </Button>
        {report && (
          <Button appearance="secondary" onClick={() => void copyResults(text)}>
            Copy results
          </Button>
        )}
      </div>
      {!inExcel && <p style={css.note}>Open the add-in in Excel to run the check.</p>}
      {running && <Spinner size="tiny" label="Checking this Excel..." />}
      <div role="status">{copy === "copied" && "Results copied."}</div>
      {report && (
        <>
          <p style={css.muted}>
            {tally(report.results)}. Excel: {report.excel}.
          </p>
          {report.leftSheets.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{leftSheetsWarning(report.leftSheets)}</MessageBarBody>
            </MessageBar>
          )}
          <table style={css.table} aria-label="Results of Check this Excel">
            <thead>
              <tr style={css.columnHeader}>
                {["Check", "Result", "What it means"].map((header) => (
                  <th key={header} scope="col" style={css.cell}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.results.map((r) => (
                <tr key={r.id}>
                  <th scope="row" style={css.cell}>
                    {checkOf(r.id).title}
                  </th>
                  <td style={{ ...css.cell, ...css.nowrap, ...(r.outcome === "pass" ? {} : css.chosen) }}>{OUTCOME_LABELS[r.outcome]}</td>
                  <td style={css.cell}>
                    {meaning(r)}
                    <br />
                    <span style={css.note}>Seen: {r.observed}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {copy === "manual" && (
            <>
              <p style={css.note}>This Excel does not let the add-in use the clipboard. Select the text below and copy it (Ctrl+C, or Cmd+C on a Mac).</p>
              <Textarea readOnly resize="vertical" rows={8} value={text} aria-label="Results as text" onFocus={(e) => e.currentTarget.select()} />
            </>
          )}
        </>
      )}
    </section>
  );
}
