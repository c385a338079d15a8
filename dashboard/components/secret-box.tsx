// A secret shown once (an API key, a signing secret): read-only, selectable, with a copy button,
// and the warning that it will not be shown again.

import { useId, useState } from 'preact/hooks';
import { strings } from '../strings';

export function SecretBox(props: { label: string; secret: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-box">
      <label for={id}>{props.label}</label>
      <p class="hint">{strings.common.shownOnce}</p>
      <div class="secret-row">
        <input id={id} readOnly value={props.secret} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(props.secret).catch(() => undefined);
            setCopied(true);
          }}
        >
          {strings.common.copy}
        </button>
      </div>
      <p class="hint" role="status" aria-live="polite">
        {copied ? strings.common.copied : ''}
      </p>
    </div>
  );
}
