/**
 * context.sync() is a round trip to Excel, never answered within the add-in's own task: "Due to performance
 * considerations, the Office.js APIs cannot interact synchronously with the Office applications across all platforms.
 * Therefore, the sync() API call in Office.js returns a Promise that is resolved when the Office application completes
 * the requested read or write actions" (develop/application-specific-api-model.md), and "each call of context.sync is
 * a round trip from the add-in to the Office document" (concepts/correlated-objects-pattern.md). The answer comes as a
 * message from the host (an iframe's postMessage on the web), so the page's other tasks (a timer, a render, a click on
 * Cancel) run while a request is out. The emulation resolves a request on a later task (in Node a setImmediate, the
 * kind of task React's scheduler queues its renders on there), not on the microtask queue alone.
 */
import { workbook } from "./contract";

/** A task the page queues (a render, a click handler), run by the event loop after the current one. */
const pageTask = (task: () => void) => setImmediate(task);

test("a task the page queued before a write runs before that write's sync resolves", async () => {
  workbook({ sheets: { S: [] } });
  const events: string[] = [];
  await Excel.run(async (context) => {
    pageTask(() => events.push("the page's task"));
    context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
    await context.sync();
    events.push("sync resolved");
  });
  expect(events).toEqual(["the page's task", "sync resolved"]);
});

test("a loop of block writes lets the page run between blocks (progress can render, Cancel can be clicked)", async () => {
  const book = workbook({ sheets: { S: [] } });
  let cancelled = false;
  let blocks = 0;
  pageTask(() => (cancelled = true));
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("S");
    for (let block = 0; block < 10 && !cancelled; block++, blocks++) {
      sheet.getRange(`A${block + 1}`).values = [[block]];
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request a block, as a long fill writes
      await context.sync();
    }
  });
  expect(blocks).toBe(1);
  expect(book.values("S", "A1:A2")).toEqual([[0], [""]]);
});
