/** The pane's entry point in taskpane.html: hydrates the first screen pre-rendered there at build time. */
import { createDOMRenderer } from "@fluentui/react-components";
import { hydrateRoot } from "react-dom/client";
import { PaneRoot } from "./shell/PaneRoot";

hydrateRoot(document.getElementById("root")!, <PaneRoot renderer={createDOMRenderer()} />);
