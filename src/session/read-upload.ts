// Reads a file the user picked; a read failure (file moved, permission gone) becomes a notice, never a throw.
import { handcastStore } from '../store';

/** The file's text, or null after telling the user why it could not be read. */
export async function readUploadedText(file: Blob & { name: string }): Promise<string | null> {
  try {
    return await file.text();
  } catch (error) {
    handcastStore.getState().notify({ kind: 'error', text: `${file.name} could not be read: ${(error as Error).message}` });
    return null;
  }
}
