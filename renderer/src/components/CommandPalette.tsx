/// The command palette (Ctrl+Shift+P or Ctrl+K; ⌘ on a Mac): every command with its key,
/// filtered as you type, chosen with the arrows and Enter; Escape closes it.
import { useEffect, useRef, useState } from 'react';
import { fuzzyFilter } from '../commands/fuzzy';
import { keyLabel, matchesKey } from '../commands/keys';
import { allCommands, commandsChanged, type Command } from '../commands/registry';
import { createStore, useStore } from '../state/store';
import { editorRef } from '../state/session';

export const paletteStore = createStore(false);
const OPEN_KEYS = ['Mod-Shift-p', 'Mod-k'];

export function CommandPalette() {
  const open = useStore(paletteStore);
  useEffect(() => {
    // Capture: the editor would otherwise take Ctrl+K first.
    const onKey = (event: KeyboardEvent) => {
      if (!OPEN_KEYS.some((key) => matchesKey(event, key))) return;
      event.preventDefault();
      event.stopPropagation();
      paletteStore.set((now) => !now);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return open ? <Palette /> : null;
}

function Palette() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  useStore(commandsChanged); // a command registered while the palette is open shows at once
  const list = useRef<HTMLUListElement>(null);
  const shown = fuzzyFilter(query, allCommands(), (command) => `${command.group} ${command.title}`);
  const close = (refocus = true) => {
    paletteStore.set(false);
    if (refocus) editorRef.current?.focus();
  };
  const run = (command: Command | undefined) => {
    if (!command) return;
    close();
    command.run();
  };
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((now) => Math.min(shown.length - 1, now + 1));
    else if (event.key === 'ArrowUp') setActive((now) => Math.max(0, now - 1));
    else if (event.key === 'PageDown') setActive((now) => Math.min(shown.length - 1, now + 8));
    else if (event.key === 'PageUp') setActive((now) => Math.max(0, now - 8));
    else if (event.key === 'Enter') run(shown[active]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <div className="palette-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="palette" role="dialog" aria-label="Command palette">
        <input
          className="palette-input"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={shown[active] ? `palette-${shown[active].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands" ref={list}>
          {shown.map((command, index) => (
            <li
              key={command.id}
              id={`palette-${command.id}`}
              role="option"
              aria-selected={index === active}
              className="palette-item"
              onMouseMove={() => setActive(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(command)}
            >
              <span className="palette-group">{command.group}</span>
              <span className="palette-title">{command.title}</span>
              {command.on && <span className="palette-state">{command.on() ? 'On' : 'Off'}</span>}
              {command.key && <kbd>{keyLabel(command.key)}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
