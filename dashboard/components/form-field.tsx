// A labelled input, select or textarea with an optional hint, wired with ids so the label and
// hint are announced; every input on every screen goes through it.

import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

type Common = {
  label: string;
  name: string;
  hint?: string;
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

function Hint(props: { id: string; hint?: string }) {
  return props.hint ? (
    <span class="hint" id={props.id}>
      {props.hint}
    </span>
  ) : null;
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
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Hint id={`${id}-hint`} hint={props.hint} />
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
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onInput(e.currentTarget.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <Hint id={`${id}-hint`} hint={props.hint} />
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
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Hint id={`${id}-hint`} hint={props.hint} />
    </div>
  );
}

/** A row of filters or a form's buttons. */
export function FieldRow(props: { children: ComponentChildren }) {
  return <div class="field-row">{props.children}</div>;
}
