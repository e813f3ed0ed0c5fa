// Placeholder so the pane builds while the bulk fill (issue 4) is written; replaced by that work.
export function FillPanel() {
  return <p>Filling a whole sheet is coming in this pane.</p>;
}
