import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** What a panel says after an action: an outcome, a warning or an error with how to fix it. */
export type Status = { intent: "success" | "warning" | "error"; title: string; text: string } | null;

/** The panel's status as a Fluent MessageBar; an error is announced at once (alert), the rest politely. */
export function StatusMessage({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <MessageBar intent={status.intent} role={status.intent === "error" ? "alert" : "status"}>
      <MessageBarBody>
        <MessageBarTitle>{status.title}</MessageBarTitle>
        {status.text}
      </MessageBarBody>
    </MessageBar>
  );
}
