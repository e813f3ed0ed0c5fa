/**
 * The pane's own layout, as inline styles on Fluent tokens (CSS variables the FluentProvider sets).
 * Why not makeStyles: without Griffel's build-time transform it compiles CSS at first render with
 * stylis and rtl-css-js, which cost ~10 KB gzip and tens of ms before the first paint. Fluent's own
 * components ship precompiled styles. React sets these through CSSOM, which the page's CSP allows.
 */
import { tokens } from "@fluentui/react-components";
import type { CSSProperties } from "react";

const column = (gap: string): CSSProperties => ({ display: "flex", flexDirection: "column", rowGap: gap });

export const paneStyles = {
  root: {
    minHeight: "100vh",
    padding: tokens.spacingHorizontalL,
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { ...column(tokens.spacingVerticalXS), marginBottom: tokens.spacingVerticalS },
  panel: { paddingTop: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  form: column(tokens.spacingVerticalM),
  note: { color: tokens.colorNeutralForeground2 },
  recommendation: {
    ...column(tokens.spacingVerticalXS),
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase300 },
  cell: {
    textAlign: "left",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: "inherit",
  },
  columnHeader: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: "nowrap" },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  chosen: { fontWeight: tokens.fontWeightSemibold },
  total: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
} satisfies Record<string, CSSProperties>;
