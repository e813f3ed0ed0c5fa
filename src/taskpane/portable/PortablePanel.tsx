/**
 * "Make this sheet work without the add-in": the sheet's LAUSD formulas become portable formulas over the rates sheet
 * (or their values), so the workbook shows the same numbers where the add-in is not loaded (#NAME? otherwise). Check
 * shows exactly what would change; Confirm writes it only if a fresh read plans the same (else it asks again).
 */
import { Button, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { type ApplyResult, type CheckResult, applyPortable, checkPortable } from "../../workbook/excel/portable";
import { excelAvailable } from "../../workbook/excel/run";
import { PORTABLE_MODE_LABELS, type PortableMode, type PortablePlan, confirmationLines } from "../../workbook/portable/planner";
import { paneStyles as css } from "../styles";
import { type Status, StatusMessage } from "../StatusMessage";

/** The workbook side; the pane passes Excel's, tests may pass their own. `sheet` omitted: the active sheet. */
export interface PortableExcel {
  check(mode: PortableMode, sheet?: string): Promise<CheckResult>;
  apply(mode: PortableMode, token: string, sheet?: string): Promise<ApplyResult>;
}

const NOT_IN_EXCEL = "This needs Excel. Open this pane from the ribbon in Excel, then try again.";

const excelPortable: PortableExcel = {
  check: (mode, sheet) => (excelAvailable() ? checkPortable(mode, sheet) : Promise.resolve({ kind: "failed", message: NOT_IN_EXCEL })),
  apply: applyPortable,
};


export function PortablePanel({ excel = excelPortable }: { excel?: PortableExcel }) {
  const [mode, setMode] = useState<PortableMode>("portable");
  const [plan, setPlan] = useState<PortablePlan | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  // The question takes the focus, so keyboard and screen-reader users land on its answer.
  useEffect(() => {
    if (plan && plan.changes.length > 0) confirmRef.current?.focus();
  }, [plan]);

  async function check() {
    setBusy(true);
    setStatus(null);
    setPlan(null);
    const result = await excel.check(mode);
    setBusy(false);
    if (result.kind === "failed") setStatus({ intent: "error", title: "Could not check the sheet", text: result.message });
    else setPlan(result.plan);
  }

  async function confirm(confirmed: PortablePlan) {
    setBusy(true);
    const result = await excel.apply(confirmed.mode, confirmed.token, confirmed.sheet);
    setBusy(false);
    if (result.kind === "changed") {
      setPlan(result.plan);
      setStatus({ intent: "warning", title: "The sheet changed since the check", text: "Nothing was written. Here is what would change now; confirm again if it is right." });
      return;
    }
    setPlan(null);
    if (result.kind === "failed") {
      setStatus({ intent: "error", title: "The conversion stopped", text: result.message });
      return;
    }
    const left = result.plan.left.length;
    setStatus({
      intent: left > 0 ? "warning" : "success",
      title: "Done",
      text:
        `${result.plan.changes.length} cells on "${result.plan.sheet}" no longer need the add-in.` +
        (left > 0 ? ` ${left} ${left === 1 ? "cell still uses" : "cells still use"} LAUSD functions (see the check for why).` : ""),
    });
  }

  return (
    <section aria-labelledby="portable-title" style={css.form}>
      <Text as="h2" id="portable-title" weight="semibold">
        Make this sheet work without the add-in
      </Text>
      <p style={css.muted}>
        Where the add-in is not loaded (a colleague's Excel, LibreOffice, Google Sheets), LAUSD formulas show #NAME?. This replaces
        them on the active sheet with formulas that read the ITS rates sheet, or with their values. Nothing changes until you confirm.
      </p>
      <RadioGroup
        aria-label="Replace the LAUSD formulas with"
        value={mode}
        onChange={(_, data) => {
          setMode(data.value as PortableMode);
          setPlan(null);
        }}
      >
        <Radio value="portable" label={PORTABLE_MODE_LABELS.portable} />
        <Radio value="values" label={PORTABLE_MODE_LABELS.values} />
      </RadioGroup>
      <div>
        <Button onClick={() => void check()} disabled={busy}>
          Check what would change
        </Button>
      </div>
      {plan && (
        <div role="region" aria-label="What would change" style={css.form}>
          <ul>
            {confirmationLines(plan).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          {plan.changes.length > 0 && (
            <div>
              <Button ref={confirmRef} appearance="primary" onClick={() => void confirm(plan)} disabled={busy}>
                Confirm: change {plan.changes.length} {plan.changes.length === 1 ? "cell" : "cells"}
              </Button>{" "}
              <Button onClick={() => setPlan(null)} disabled={busy}>
                Cancel
              </Button>
            </div>
          )}
        </div>
      )}
      {busy && <Text role="status">Working...</Text>}
      <StatusMessage status={status} />
    </section>
  );
}
