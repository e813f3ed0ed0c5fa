/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Tabs } from "../../src/taskpane/shell/Tabs";

const TABS = [
  { value: "a", label: "First" },
  { value: "b", label: "Second" },
  { value: "c", label: "Third" },
] as const;

function Harness() {
  const [tab, setTab] = useState<(typeof TABS)[number]["value"]>("a");
  return (
    <>
      <button>before</button>
      <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="Sections" />
      <div role="tabpanel" aria-labelledby={`tab-${tab}`} id={`panel-${tab}`}>
        panel {tab}
      </div>
    </>
  );
}

test("a tablist with one tab stop: arrows, Home and End move the focus, Enter and a click select", async () => {
  const user = userEvent.setup();
  render(<Harness />);
  const list = screen.getByRole("tablist", { name: "Sections" });
  const [first, second, third] = screen.getAllByRole("tab");
  expect(list).toContainElement(first);
  expect(first).toHaveAttribute("aria-selected", "true");
  expect(first).toHaveAttribute("aria-controls", "panel-a");
  expect([first, second, third].map((t) => t.tabIndex)).toEqual([0, -1, -1]);

  await user.click(screen.getByText("before"));
  await user.tab();
  expect(first).toHaveFocus();
  await user.keyboard("{ArrowRight}");
  expect(second).toHaveFocus();
  expect(first).toHaveAttribute("aria-selected", "true"); // moving the focus does not select
  await user.keyboard("{Enter}");
  expect(second).toHaveAttribute("aria-selected", "true");
  expect(screen.getByRole("tabpanel")).toHaveTextContent("panel b");
  expect([first, second, third].map((t) => t.tabIndex)).toEqual([-1, 0, -1]);

  await user.keyboard("{ArrowRight}{ArrowRight}");
  expect(first).toHaveFocus(); // wraps around
  await user.keyboard("{ArrowLeft}");
  expect(third).toHaveFocus();
  await user.keyboard("{Home}");
  expect(first).toHaveFocus();
  await user.keyboard("{End}");
  expect(third).toHaveFocus();
  await user.keyboard(" ");
  expect(third).toHaveAttribute("aria-selected", "true");

  await user.click(first);
  expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", "tab-a");
});
