/// A CodeMirror key ('Mod-Shift-k') as the writer's platform spells it: Ctrl+Shift+K or ⇧⌘K.
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function keyLabel(key: string, mac = isMac): string {
  const parts = key.split(/-(?!$)/);
  const main = parts.pop() ?? '';
  const name = main.length === 1 ? main.toUpperCase() : main;
  if (mac) {
    const symbols: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧', Meta: '⌘' };
    const order = ['Ctrl', 'Alt', 'Shift', 'Mod', 'Meta'];
    return parts.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((part) => symbols[part] ?? part).join('') + name;
  }
  return [...parts.map((part) => (part === 'Mod' ? 'Ctrl' : part)), name].join('+');
}

/// Whether a keydown is `key` (CodeMirror notation), for the few shortcuts the window handles.
export function matchesKey(event: KeyboardEvent, key: string): boolean {
  const parts = key.split(/-(?!$)/);
  const main = (parts.pop() ?? '').toLowerCase();
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    mod === parts.includes('Mod') &&
    event.shiftKey === parts.includes('Shift') &&
    event.altKey === parts.includes('Alt') &&
    (event.key.toLowerCase() === main || event.code.toLowerCase() === `key${main}`)
  );
}
