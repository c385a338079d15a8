// A labelled input, select, textarea or checkbox with an optional hint and error, wired with ids
// so the label, hint and error are announced; every input on every screen goes through it.

import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

type Common = {
  label: string;
  name: string;
  hint?: string;
  /** What the server said is wrong with this field (validation_failed details). */
  error?: string;
  required?: boolean;
};

type InputProps = Common & {
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'number' | 'url' | 'datetime-local';
  value: string;
  onInput: (value: string) => void;
  autocomplete?: string;
  placeholder?: string;
  minLength?: number;
  maxLength?: number;
};

function Hint(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.hint ? (
        <span class="hint" id={props.id}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </>
  );
}

/** The ids a field's input is described by: its hint and its error. */
function describedBy(id: string, props: Common): string | undefined {
  const ids = [props.hint ? `${id}-hint` : '', props.error ? `${id}-hint-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FormField(props: InputProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        // Preact's input types are a union per type; any of ours is a text-like input.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        minLength={props.minLength}
        maxLength={props.maxLength}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Hint id={`${id}-hint`} hint={props.hint} error={props.error} />
    </div>
  );
}

export function SelectField(
  props: Common & { value: string; onInput: (value: string) => void; options: [string, string][] },
) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onInput(e.currentTarget.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <Hint id={`${id}-hint`} hint={props.hint} error={props.error} />
    </div>
  );
}

export function TextareaField(
  props: Common & { value: string; onInput: (value: string) => void; rows?: number },
) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        required={props.required}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? true : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Hint id={`${id}-hint`} hint={props.hint} error={props.error} />
    </div>
  );
}

/** A row of filters or a form's buttons. */
export function FieldRow(props: { children: ComponentChildren }) {
  return <div class="field-row">{props.children}</div>;
}

/** A checkbox with its label beside it. */
export function CheckboxField(
  props: Omit<Common, 'required'> & { checked: boolean; onChange: (checked: boolean) => void },
) {
  const id = useId();
  return (
    <div class="field check">
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          aria-describedby={describedBy(id, props)}
          aria-invalid={props.error ? true : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />{' '}
        {props.label}
      </label>
      <Hint id={`${id}-hint`} hint={props.hint} error={props.error} />
    </div>
  );
}
