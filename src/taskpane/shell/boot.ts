/**
 * taskpane.html's deferred script: starts the pane's bundle after the pre-rendered first screen has been painted.
 * The bundle is preloaded beside office.js (<link rel="preload">), so here it only has to run; run as a deferred
 * script instead, its evaluation and the hydration would hold the first frame until they were done.
 */
const bundle = document.querySelector<HTMLLinkElement>('link[rel="preload"][as="script"][data-pane-bundle]')!;
let started = false;
const start = () => {
  if (started) return;
  started = true;
  document.head.append(Object.assign(document.createElement("script"), { src: bundle.href }));
};
// After the next frame; hidden (the shared runtime loads this page before the pane is shown) there is no frame
// to wait for, and a frame that never comes must not keep the pane from starting.
if (document.visibilityState === "hidden") start();
else requestAnimationFrame(() => setTimeout(start, 0));
setTimeout(start, 1000);
