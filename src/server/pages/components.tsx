/**
 * GOV.UK Design System components as preact functions (the markup of
 * govuk-frontend's templates), for the explorer and the builder. Only what
 * the pages use; every value is escaped by preact.
 */
import type { ComponentChildren } from 'preact';

export interface Column {
  text: string;
  numeric?: boolean;
}

export type CellValue = string | { text: string; href: string };

export function Table(props: { caption: string; columns: Column[]; rows: CellValue[][]; id?: string; small?: boolean }) {
  return (
    <table class={`govuk-table${props.small ? ' govuk-table--small-text-until-tablet' : ''}`} id={props.id} data-table={props.id}>
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {props.columns.map((c) => (
            <th scope="col" class={`govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}`}>
              {c.text}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((r) => (
          <tr class="govuk-table__row">
            {r.map((cell, i) => {
              const content = typeof cell === 'string' ? cell : <a class="govuk-link" href={cell.href}>{cell.text}</a>;
              return i === 0 ? (
                <th scope="row" class="govuk-table__header">
                  {content}
                </th>
              ) : (
                <td class={`govuk-table__cell${props.columns[i]?.numeric ? ' govuk-table__cell--numeric' : ''}`}>{content}</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorSummary(props: { title: string; errors: Array<{ text: string; href?: string }> }) {
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{props.title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {props.errors.map((e) => (
              <li>{e.href ? <a href={e.href}>{e.text}</a> : e.text}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function Inset(props: { children: ComponentChildren }) {
  return <div class="govuk-inset-text">{props.children}</div>;
}

export function Warning(props: { children: ComponentChildren }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning</span>
        {props.children}
      </strong>
    </div>
  );
}

export interface Option {
  value: string;
  text: string;
}

export function Select(props: { id: string; name: string; label: string; options: Option[]; value?: string; hint?: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      <select class="govuk-select" id={props.id} name={props.name} aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of checkboxes or radios with a legend. */
export function Choices(props: {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  checked: readonly string[];
  small?: boolean;
  error?: string;
}) {
  const kind = props.type === 'checkbox' ? 'checkboxes' : 'radios';
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`} id={props.id}>
      <fieldset class="govuk-fieldset" aria-describedby={described || undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        {props.hint ? (
          <div id={`${props.id}-hint`} class="govuk-hint">
            {props.hint}
          </div>
        ) : null}
        {props.error ? (
          <p id={`${props.id}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {props.error}
          </p>
        ) : null}
        <div class={`govuk-${kind}${props.small ? ` govuk-${kind}--small` : ''}`} data-module={`govuk-${kind}`}>
          {props.options.map((o, i) => {
            const id = `${props.id}-${i}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input class={`govuk-${kind}__input`} id={id} name={props.name} type={props.type} value={o.value} checked={props.checked.includes(o.value)} />
                <label class={`govuk-label govuk-${kind}__label`} for={id}>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button(props: { text: string; secondary?: boolean; id?: string; name?: string; value?: string; type?: 'submit' | 'button' }) {
  return (
    <button
      type={props.type ?? 'submit'}
      class={`govuk-button${props.secondary ? ' govuk-button--secondary' : ''}`}
      data-module="govuk-button"
      id={props.id}
      name={props.name}
      value={props.value}
    >
      {props.text}
    </button>
  );
}

/** Hidden inputs that carry earlier choices through a GET form. */
export function Hidden(props: { params: Array<[string, string]> }) {
  return (
    <>
      {props.params.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function SummaryList(props: { rows: Array<{ key: string; value: ComponentChildren; change?: { href: string; text: string } }> }) {
  return (
    <dl class="govuk-summary-list">
      {props.rows.map((r) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
          {r.change ? (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={r.change.href}>
                Change<span class="govuk-visually-hidden"> {r.change.text}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function Details(props: { summary: string; children: ComponentChildren }) {
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{props.summary}</span>
      </summary>
      <div class="govuk-details__text">{props.children}</div>
    </details>
  );
}
