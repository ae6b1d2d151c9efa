/// The formatting bar under the toolbar: bold, italic, heading, link, list, quote, code and
/// table, read from the command registry. Hidden from the Aa menu or the palette.
import { barCommands } from '../commands/registry';
import { keyLabel } from '../commands/keys';
import { writingStore } from '../state/writing';
import { useStore } from '../state/store';

export function FormatBar() {
  const shown = useStore(writingStore, (prefs) => prefs.formatBar);
  if (!shown) return null;
  return (
    <div className="format-bar" role="toolbar" aria-label="Formatting">
      {barCommands().map((command) => (
        <button
          key={command.id}
          type="button"
          className={`format-button format-${command.id.split('.')[1]}`}
          aria-label={command.title}
          title={command.key ? `${command.title} (${keyLabel(command.key)})` : command.title}
          // Keep the text's selection: the button formats what is selected.
          onMouseDown={(event) => event.preventDefault()}
          onClick={command.run}
        >
          {command.bar}
        </button>
      ))}
    </div>
  );
}
