// The three states a screen shows besides its data: loading, nothing there, and an error whose
// message came from the API (or the network).

import type { ComponentChildren } from 'preact';
import { strings } from '../strings';

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {props.label ?? strings.common.loading}
    </p>
  );
}

export function EmptyState(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

export function ErrorBanner(props: { error: unknown }) {
  if (!props.error) return null;
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <div class="error-banner" role="alert">
      <strong>{strings.common.errorTitle}</strong> {message}
    </div>
  );
}
