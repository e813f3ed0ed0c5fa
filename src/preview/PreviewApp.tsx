/**
 * The preview workbench: the emulated workbook's grid on the left, the real task pane (src/taskpane's
 * App with the add-in's own Excel code) on the right, and a toolbar to load a CSV/XLSX, download the
 * workbook as .xlsx, switch the Office theme and start again from the sample.
 */
import { Component, type ErrorInfo, type ReactNode, useEffect, useReducer, useRef, useState } from "react";
import { Pane } from "../taskpane/Pane";
import type { EmulatedWorkbook } from "./excel-emulation";
import { FileRefused, openFile, toXlsx } from "./files";
import { Grid } from "./Grid";

function download(bytes: ArrayBuffer, name: string) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Shows what failed in place of a part of the page, instead of React unmounting the whole page; tries again
 * when the workbook changes (`resetKey`) or on "Try again".
 */
export class ErrorBoundary extends Component<{ label: string; resetKey: unknown; children: ReactNode }, { error: Error | null; key: unknown }> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: unknown }, state: { error: Error | null; key: unknown }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`${this.props.label} failed:`, error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="failure">
        <p>
          {this.props.label} could not be shown: {error.message}
        </p>
        <p>The workbook is unchanged. Open a smaller file, or use Reset sample to start again.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

export function PreviewApp({ book, theme }: { book: EmulatedWorkbook; theme: "light" | "dark" }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [status, setStatus] = useState("Sample sheet loaded. Use the pane on the right: Quote a site, or Fill a sheet.");
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => book.model.onChange(redraw), [book]);

  async function open(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    try {
      const { sheets, textColumns } = await openFile(book, file);
      const codes = textColumns.length ? ` Kept ${textColumns.map((c) => `"${c}"`).join(", ")} as text (codes with leading zeros or more than 11 digits).` : "";
      setStatus(`Opened ${file.name} as ${sheets.map((n) => `"${n}"`).join(", ")}.${codes}`);
    } catch (e) {
      setStatus(e instanceof FileRefused ? e.message : `Could not open ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  async function save() {
    try {
      download(await toXlsx(book), "its-budget-preview.xlsx");
      setStatus("Downloaded its-budget-preview.xlsx (formulas with their computed values).");
    } catch (e) {
      setStatus(`Could not build the .xlsx: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const otherTheme = theme === "dark" ? "light" : "dark";
  return (
    <div className="workbench">
      <header className="toolbar">
        <strong className="brand">ITS Support Budget - preview (emulated Excel)</strong>
        <label className="button">
          Open CSV/XLSX
          <input ref={fileInput} type="file" accept=".csv,.xlsx" data-testid="open-file" onChange={(e) => void open(e.target.files)} />
        </label>
        <button type="button" className="button" onClick={() => void save()}>
          Download .xlsx
        </button>
        <a className="button" href={`?theme=${otherTheme}`}>
          {otherTheme === "dark" ? "Dark" : "Light"} Office theme
        </a>
        <a className="button" href={`?theme=${theme}`}>
          Reset sample
        </a>
        <span role="status" className="status" data-testid="preview-status">
          {status}
        </span>
      </header>
      <main className="split">
        <ErrorBoundary label="The grid" resetKey={book.model.version}>
          <Grid book={book} />
        </ErrorBoundary>
        <aside className={`pane pane-${theme}`} aria-label="Task pane">
          <ErrorBoundary label="The task pane" resetKey={undefined}>
            <Pane />
          </ErrorBoundary>
        </aside>
      </main>
    </div>
  );
}
