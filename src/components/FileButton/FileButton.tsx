// A button that opens the file chooser and hands over the one file picked; choosing the same file again works too.
import { useRef } from 'react';

export function FileButton({ label, accept, testId, disabled = false, onFile }: {
  label: string;
  /** The chooser's filter, as for <input accept>. */
  accept: string;
  /** data-testid of the hidden file input (tests set files on it). */
  testId: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>{label}</button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that picking the same file again (after fixing it) fires a change.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
