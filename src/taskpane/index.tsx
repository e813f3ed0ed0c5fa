/** The pane's entry point in taskpane.html. */
import { createRoot } from "react-dom/client";
import { Pane } from "./Pane";

// The theme's background runs edge to edge (set through CSSOM, which the page's CSP allows).
document.body.style.margin = "0";
createRoot(document.getElementById("root")!).render(<Pane />);
