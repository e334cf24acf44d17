/** Test helper: runs `onetrip mine` in process and captures what it writes. */
import { mine } from '../../commands/mine';

export async function runMine(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (s: string) => void) => (chunk: string | Uint8Array) => {
    append(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  try {
    return { code: await mine.run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
