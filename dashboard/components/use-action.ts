// One change a person asks for (a form's submit, a dialog's confirm): busy while it runs, the error
// it ended with (cleared when it starts again), and a second ask while the first still runs dropped,
// so a double click or a held Enter key sends one request, not two.

import { useRef, useState } from 'preact/hooks';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const running = useRef(false);
  /** Runs `work`; true when it ended without an error, false when it failed or one already ran. */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
