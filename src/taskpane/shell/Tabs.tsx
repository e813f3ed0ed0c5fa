/**
 * The pane's tabs: WAI-ARIA tabs (tablist / tab / aria-selected, one tab stop, arrow keys, Home and End move the
 * focus, Enter, Space or a click selects, as Fluent's TabList does) on Fluent's Button and tokens. Fluent's
 * TabList brings tabster for its arrow keys, 20 KB gzip before the first paint for two tabs.
 */
import { Button, tokens } from "@fluentui/react-components";
import { type KeyboardEvent, useRef } from "react";

export interface TabChoice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** Ids of a tab and of the panel it controls, so the panel can name its tab (aria-labelledby). */
export const tabId = (value: string) => `tab-${value}`;
export const panelId = (value: string) => `panel-${value}`;

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function Tabs<T extends string>({ tabs, selected, onSelect, label }: { tabs: readonly TabChoice<T>[]; selected: T; onSelect: (value: T) => void; label: string }) {
  const buttons = useRef<(HTMLElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    buttons.current[move(index, tabs.length)]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} style={{ display: "flex", columnGap: tokens.spacingHorizontalXS }}>
      {tabs.map((tab, index) => {
        const isSelected = tab.value === selected;
        return (
          <Button
            key={tab.value}
            ref={(el) => void (buttons.current[index] = el)}
            id={tabId(tab.value)}
            role="tab"
            aria-selected={isSelected}
            aria-controls={panelId(tab.value)}
            tabIndex={isSelected ? 0 : -1}
            appearance="subtle"
            onClick={() => onSelect(tab.value)}
            onKeyDown={(e) => onKeyDown(e, index)}
            style={{
              fontWeight: isSelected ? tokens.fontWeightSemibold : tokens.fontWeightRegular,
              borderRadius: 0,
              // The selected tab's brand-colored underline, as Fluent's TabList draws it.
              boxShadow: `inset 0 -${tokens.strokeWidthThicker} 0 ${isSelected ? tokens.colorCompoundBrandStroke : "transparent"}`,
            }}
          >
            {tab.label}
          </Button>
        );
      })}
    </div>
  );
}
