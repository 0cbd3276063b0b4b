/** EditorPanel: placeholder until its owner lands it. */
export function EditorPanel() {
  return null;
}
