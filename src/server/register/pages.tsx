/**
 * The register's pages (GOV.UK Design System markup, rendered on the server;
 * preact escapes every value). Each function takes what the page shows and
 * returns the HTML document; the routes decide what that is.
 */
import type { ComponentChildren } from 'preact';
import type { ChangeReport } from '../../core/register/change-report.js';
import type { FieldChange } from '../../core/register/diff.js';
import { valueText } from '../../core/register/diff.js';
import type { FormField, FormProblem } from '../../core/register/form.js';
import { can } from '../../core/register/permissions.js';
import type { Actor, Change, RecordKind, RegisterRecord } from '../../core/register/types.js';
import { RECORD_KINDS } from '../../core/register/types.js';
import { Button, ErrorSummary, Inset, Select, SummaryList, Table, Warning, type Option } from '../pages/components.js';
import { renderPage, type Crumb } from '../pages/layout.js';
import { REGISTER_PREFIX } from './session.js';

export const KIND_PLURAL: { readonly [K in RecordKind]: string } = {
  qualification: 'Qualifications',
  module: 'Modules',
  role: 'Roles',
  clustering: 'Clusterings',
  cluster: 'Clusters',
  framework: 'Frameworks',
  area: 'Framework areas',
  provider: 'Providers',
};

export const KIND_SINGULAR: { readonly [K in RecordKind]: string } = {
  qualification: 'qualification',
  module: 'module',
  role: 'role',
  clustering: 'clustering',
  cluster: 'cluster',
  framework: 'framework',
  area: 'framework area',
  provider: 'provider',
};

export const recordPath = (id: string): string => `${REGISTER_PREFIX}/records/${encodeURIComponent(id)}`;
export const kindPath = (kind: RecordKind): string => `${REGISTER_PREFIX}/kinds/${kind}`;

export function recordName(r: RegisterRecord): string {
  const x = r as unknown as { title?: string; name?: string };
  return x.title ?? x.name ?? r.id;
}

interface Frame {
  title: string;
  actor: Actor | null;
  csrf: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}

function CsrfField(props: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={props.csrf} />;
}

function AccountBar(props: { actor: Actor | null; csrf: string }) {
  if (!props.actor) {
    return (
      <p class="govuk-body-s" id="account">
        <a class="govuk-link" href={`${REGISTER_PREFIX}/login`}>
          Sign in
        </a>{' '}
        to change the register.
      </p>
    );
  }
  return (
    <form method="post" action={`${REGISTER_PREFIX}/logout`} class="govuk-body-s" id="account">
      Signed in as <strong>{props.actor.name}</strong> ({props.actor.role}). <CsrfField csrf={props.csrf} />
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        Sign out
      </button>
    </form>
  );
}

function page(frame: Frame): string {
  const crumbs = [{ text: 'Register', href: REGISTER_PREFIX }, ...(frame.crumbs ?? [])];
  return renderPage({
    title: frame.title,
    section: 'register',
    crumbs,
    children: (
      <>
        <AccountBar actor={frame.actor} csrf={frame.csrf} />
        {frame.children}
      </>
    ),
  });
}

const mayWrite = (actor: Actor | null): boolean => actor !== null && can(actor.role, 'write');

export interface HomeView {
  actor: Actor | null;
  csrf: string;
  q: string;
  hits: Array<{ id: string; kind: RecordKind; title: string; unitCode: string | null; status: string }> | null;
  counts: Record<RecordKind, number>;
  recent: Change[];
}

function SearchForm(props: { q: string }) {
  return (
    <form method="get" action={REGISTER_PREFIX} role="search">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--m" for="register-q">
          Search qualifications, modules and roles
        </label>
        <div class="govuk-hint" id="register-q-hint">
          A title, a name or a unit code such as a QAN
        </div>
        <input class="govuk-input govuk-!-width-two-thirds" id="register-q" name="q" type="search" value={props.q} aria-describedby="register-q-hint" />
      </div>
      <Button text="Search" />
    </form>
  );
}

export function homePage(v: HomeView): string {
  return page({
    title: 'Qualifications register',
    actor: v.actor,
    csrf: v.csrf,
    children: (
      <>
        <h1 class="govuk-heading-xl">Qualifications register</h1>
        <SearchForm q={v.q} />
        {v.hits === null ? null : v.hits.length === 0 ? (
          <p class="govuk-body" id="no-hits">
            Nothing in the register matches ‘{v.q}’.
          </p>
        ) : (
          <Table
            id="hits"
            caption={`${v.hits.length} found for ‘${v.q}’`}
            columns={[{ text: 'Record' }, { text: 'Id' }, { text: 'Kind' }, { text: 'Unit code' }, { text: 'Status' }]}
            rows={v.hits.map((h) => [{ text: h.title, href: recordPath(h.id) }, h.id, KIND_SINGULAR[h.kind], h.unitCode ?? '', h.status])}
          />
        )}
        <h2 class="govuk-heading-m">Browse</h2>
        <ul class="govuk-list" id="kinds">
          {RECORD_KINDS.map((k) => (
            <li>
              <a class="govuk-link" href={kindPath(k)}>
                {KIND_PLURAL[k]}
              </a>{' '}
              ({v.counts[k].toLocaleString('en-GB')})
            </li>
          ))}
        </ul>
        <h2 class="govuk-heading-m">Keep it current</h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${REGISTER_PREFIX}/queries`} id="queries">
              Queries: qualifications per role, coverage, gaps, prerequisites
            </a>
          </li>
          {mayWrite(v.actor) ? (
            <li>
              <a class="govuk-link" href={`${REGISTER_PREFIX}/import`}>
                Import records from a CSV or JSON file
              </a>
            </li>
          ) : null}
          <li>
            <a class="govuk-link" href={`${REGISTER_PREFIX}/export.json`}>
              Export the whole register (JSON)
            </a>
          </li>
        </ul>
        <ChangesTable caption="Latest changes" changes={v.recent} />
      </>
    ),
  });
}

function ChangesTable(props: { caption: string; changes: Change[]; restore?: { id: string; version: number; csrf: string } | null }) {
  if (props.changes.length === 0) return null;
  return (
    <table class="govuk-table" id="changes">
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {['Record', 'Version', 'What', 'Who', 'When (UTC)', ...(props.restore ? [''] : [])].map((h) => (
            <th scope="col" class="govuk-table__header">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.changes.map((c) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <a class="govuk-link" href={recordPath(c.recordId)}>
                {c.recordId}
              </a>
            </td>
            <td class="govuk-table__cell">{c.version}</td>
            <td class="govuk-table__cell">{c.note ? `${c.action}: ${c.note}` : c.action}</td>
            <td class="govuk-table__cell">{c.actor}</td>
            <td class="govuk-table__cell">{c.at.slice(0, 19).replace('T', ' ')}</td>
            {props.restore ? (
              <td class="govuk-table__cell">
                {c.version === props.restore.version ? null : (
                  <form method="post" action={`${recordPath(c.recordId)}/restore`}>
                    <CsrfField csrf={props.restore.csrf} />
                    <input type="hidden" name="version" value={String(c.version)} />
                    <input type="hidden" name="expected" value={String(props.restore.version)} />
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      Restore version {c.version}
                    </button>
                  </form>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function kindPage(kind: RecordKind, records: RegisterRecord[], actor: Actor | null, csrf: string): string {
  return page({
    title: KIND_PLURAL[kind],
    actor,
    csrf,
    crumbs: [{ text: KIND_PLURAL[kind], href: kindPath(kind) }],
    children: (
      <>
        <h1 class="govuk-heading-l">{KIND_PLURAL[kind]}</h1>
        {mayWrite(actor) ? (
          <p class="govuk-body">
            <a class="govuk-button" href={`${REGISTER_PREFIX}/new/${kind}`} role="button" id="add">
              Add a {KIND_SINGULAR[kind]}
            </a>
          </p>
        ) : null}
        <Table
          id="records"
          caption={`${records.length.toLocaleString('en-GB')} ${KIND_PLURAL[kind].toLowerCase()}`}
          columns={[{ text: 'Name' }, { text: 'Id' }, { text: 'Status' }]}
          rows={records.map((r) => [{ text: recordName(r), href: recordPath(r.id) }, r.id, r.status])}
        />
      </>
    ),
  });
}

function RecordQueries(props: { kind: RecordKind; id: string }) {
  const q = encodeURIComponent(props.id);
  if (props.kind === 'role' || props.kind === 'cluster') {
    return <p class="govuk-body"><a class="govuk-link" href={`${REGISTER_PREFIX}/queries/coverage?target=${q}`}>Framework coverage of this {props.kind}</a></p>;
  }
  if (props.kind === 'qualification') {
    return <p class="govuk-body"><a class="govuk-link" href={`${REGISTER_PREFIX}/queries/prerequisites?qualification=${q}`}>What must come before it</a></p>;
  }
  return null;
}

export interface RecordView {
  kind: RecordKind;
  record: RegisterRecord;
  fields: FormField[];
  values: Record<string, string>;
  history: Change[];
  actor: Actor | null;
  csrf: string;
  message?: string;
}

export function recordPage(v: RecordView): string {
  const write = mayWrite(v.actor);
  const retired = v.record.status === 'retired';
  return page({
    title: `${recordName(v.record)} (${v.record.id})`,
    actor: v.actor,
    csrf: v.csrf,
    crumbs: [{ text: KIND_PLURAL[v.kind], href: kindPath(v.kind) }],
    children: (
      <>
        {v.message ? (
          <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" id="saved">
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{v.message}</p>
            </div>
          </div>
        ) : null}
        <span class="govuk-caption-l">
          {KIND_SINGULAR[v.kind]} {v.record.id} · version {v.record.version}
          {retired ? ' · retired' : ''}
        </span>
        <h1 class="govuk-heading-l">{recordName(v.record)}</h1>
        <SummaryList rows={v.fields.map((f) => ({ key: f.label, value: v.values[f.name] || '—' }))} />
        <RecordQueries kind={v.kind} id={v.record.id} />
        {write ? (
          <div class="govuk-button-group">
            <a class="govuk-button" href={`${recordPath(v.record.id)}/edit`} role="button" id="edit">
              Edit
            </a>
            <form method="post" action={`${recordPath(v.record.id)}/${retired ? 'unretire' : 'retire'}`}>
              <CsrfField csrf={v.csrf} />
              <input type="hidden" name="version" value={String(v.record.version)} />
              <Button text={retired ? 'Make current again' : 'Retire'} secondary id="retire" />
            </form>
          </div>
        ) : null}
        <ChangesTable caption="History" changes={[...v.history].reverse()} restore={write ? { id: v.record.id, version: v.record.version, csrf: v.csrf } : null} />
      </>
    ),
  });
}

export interface FormView {
  kind: RecordKind;
  /** null: a new record. */
  record: RegisterRecord | null;
  fields: FormField[];
  values: Record<string, string>;
  problems: FormProblem[];
  actor: Actor;
  csrf: string;
  /** Somebody saved first: what they changed. */
  conflict?: { message: string; changes: readonly FieldChange[]; current: number } | null;
}

function Field(props: { field: FormField; value: string; error?: string }) {
  const f = props.field;
  const id = `f-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {f.label}
      </label>
      {f.hint ? (
        <div class="govuk-hint" id={`${id}-hint`}>
          {f.hint}
        </div>
      ) : null}
      {props.error ? (
        <p class="govuk-error-message" id={`${id}-error`}>
          <span class="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      ) : null}
      {f.multiline ? (
        <textarea class="govuk-textarea" id={id} name={f.name} rows={4} aria-describedby={described}>
          {props.value}
        </textarea>
      ) : (
        <input class={`govuk-input${props.error ? ' govuk-input--error' : ''}`} id={id} name={f.name} type="text" value={props.value} aria-describedby={described} />
      )}
    </div>
  );
}

function ConflictPanel(props: { conflict: NonNullable<FormView['conflict']> }) {
  return (
    <div id="conflict">
      <Warning>{props.conflict.message}</Warning>
      <Table
        caption="What changed since you opened it"
        columns={[{ text: 'Field' }, { text: 'Was' }, { text: 'Now' }]}
        rows={props.conflict.changes.map((c) => [c.field, valueText(c.before), valueText(c.after)])}
      />
      <Inset>The form below holds the record as it is now with your changes over it. Check it, then save again.</Inset>
    </div>
  );
}

export function formPage(v: FormView): string {
  const title = v.record ? `Edit ${recordName(v.record)} (${v.record.id})` : `Add a ${KIND_SINGULAR[v.kind]}`;
  const action = v.record ? recordPath(v.record.id) : `${REGISTER_PREFIX}/new/${v.kind}`;
  const errors = new Map(v.problems.map((p) => [p.field, p.message]));
  const version = v.conflict ? v.conflict.current : (v.record?.version ?? 0);
  return page({
    title: v.problems.length > 0 ? `Error: ${title}` : title,
    actor: v.actor,
    csrf: v.csrf,
    crumbs: [{ text: KIND_PLURAL[v.kind], href: kindPath(v.kind) }, ...(v.record ? [{ text: v.record.id, href: recordPath(v.record.id) }] : [])],
    children: (
      <>
        {v.problems.length > 0 ? (
          <ErrorSummary
            title="There is a problem"
            errors={v.problems.map((p) => ({ text: `${v.fields.find((f) => f.name === p.field)?.label ?? 'Record'}: ${p.message}`, href: p.field ? `#f-${p.field}` : undefined }))}
          />
        ) : null}
        {v.conflict ? <ConflictPanel conflict={v.conflict} /> : null}
        <h1 class="govuk-heading-l">{title}</h1>
        <form method="post" action={action} novalidate>
          <CsrfField csrf={v.csrf} />
          <input type="hidden" name="version" value={String(version)} />
          {v.fields.map((f) => (
            <Field field={f} value={v.values[f.name] ?? ''} error={errors.get(f.name)} />
          ))}
          <div class="govuk-form-group">
            <label class="govuk-label" for="f-note">
              Why (kept in the record's history)
            </label>
            <input class="govuk-input" id="f-note" name="_note" type="text" />
          </div>
          <Button text={v.record ? 'Save changes' : `Add ${KIND_SINGULAR[v.kind]}`} id="save" />
        </form>
      </>
    ),
  });
}

export function loginPage(csrf: string, name: string, error: string | null): string {
  return page({
    title: error ? 'Error: Sign in' : 'Sign in',
    actor: null,
    csrf,
    children: (
      <>
        {error ? <ErrorSummary title="There is a problem" errors={[{ text: error, href: '#name' }]} /> : null}
        <h1 class="govuk-heading-l">Sign in to the register</h1>
        <form method="post" action={`${REGISTER_PREFIX}/login`} novalidate>
          <CsrfField csrf={csrf} />
          <div class="govuk-form-group">
            <label class="govuk-label" for="name">
              Account name
            </label>
            <input class="govuk-input govuk-!-width-one-half" id="name" name="name" type="text" autocomplete="username" value={name} />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="password">
              Password
            </label>
            <input class="govuk-input govuk-!-width-one-half" id="password" name="password" type="password" autocomplete="current-password" />
          </div>
          <Button text="Sign in" id="sign-in" />
        </form>
      </>
    ),
  });
}

export function importPage(actor: Actor, csrf: string, problems: string[]): string {
  return page({
    title: problems.length > 0 ? 'Error: Import records' : 'Import records',
    actor,
    csrf,
    crumbs: [{ text: 'Import', href: `${REGISTER_PREFIX}/import` }],
    children: (
      <>
        {problems.length > 0 ? <ErrorSummary title="Nothing was imported: the file has problems" errors={problems.map((text) => ({ text, href: '#file' }))} /> : null}
        <h1 class="govuk-heading-l">Import records</h1>
        <p class="govuk-body">
          A register export (.json) or one kind's CSV named after its kind (qualifications.csv, modules.csv, roles.csv...). You see what would change
          before anything is written.
        </p>
        <form method="post" action={`${REGISTER_PREFIX}/import?_csrf=${encodeURIComponent(csrf)}`} enctype="multipart/form-data">
          <div class="govuk-form-group">
            <label class="govuk-label" for="file">
              File
            </label>
            <input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,.json" />
          </div>
          <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="retire-missing" name="retireMissing" type="checkbox" value="yes" />
              <label class="govuk-label govuk-checkboxes__label" for="retire-missing">
                Retire current records of these kinds that the file does not list
              </label>
            </div>
          </div>
          <Button text="Show the changes" id="preview" />
        </form>
      </>
    ),
  });
}

export function previewPage(actor: Actor, csrf: string, file: string, report: ChangeReport, token: string, notice?: string): string {
  const rows = report.entries.map((e) => [
    e.newId ? `new ${KIND_SINGULAR[e.kind]}` : e.id,
    e.action,
    recordName(e.after),
    e.changes.map((c) => `${c.field}: ${valueText(c.before)} → ${valueText(c.after)}`).join('; '),
  ]);
  return page({
    title: 'Check the changes',
    actor,
    csrf,
    crumbs: [{ text: 'Import', href: `${REGISTER_PREFIX}/import` }],
    children: (
      <>
        {notice ? <Warning>{notice}</Warning> : null}
        <h1 class="govuk-heading-l">Check the changes from {file}</h1>
        <p class="govuk-body" id="summary">
          {report.entries.length} to write: {report.entries.filter((e) => e.action === 'new').length} new, {report.entries.filter((e) => e.action === 'changed').length}{' '}
          changed, {report.entries.filter((e) => e.action === 'retired').length} retired; {report.unchanged} unchanged. Nothing has been written yet.
        </p>
        {rows.length > 0 ? <Table id="report" caption="Change report" columns={[{ text: 'Record' }, { text: 'Change' }, { text: 'Name' }, { text: 'Fields' }]} rows={rows} /> : null}
        <div class="govuk-button-group">
          {rows.length > 0 ? (
            <form method="post" action={`${REGISTER_PREFIX}/import/${token}`}>
              <CsrfField csrf={csrf} />
              <Button text={`Apply ${report.entries.length} changes`} id="apply" />
            </form>
          ) : null}
          <a class="govuk-link" href={REGISTER_PREFIX} id="cancel">
            {rows.length > 0 ? 'Cancel: write nothing' : 'Nothing to change: back to the register'}
          </a>
        </div>
      </>
    ),
  });
}

export function messagePage(actor: Actor | null, csrf: string, title: string, text: string): string {
  return page({
    title,
    actor,
    csrf,
    children: (
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body" id="message">
          {text}
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={REGISTER_PREFIX}>
            Back to the register
          </a>
        </p>
      </>
    ),
  });
}

export function queryPage(actor: Actor | null, csrf: string, title: string, body: ComponentChildren): string {
  return page({
    title,
    actor,
    csrf,
    crumbs: [{ text: 'Queries', href: `${REGISTER_PREFIX}/queries` }],
    children: (
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        {body}
      </>
    ),
  });
}

export interface QueriesView {
  actor: Actor | null;
  csrf: string;
  clusterings: Option[];
  frameworks: Option[];
  targets: Option[];
  qualifications: Option[];
  /** Datasets the outcomes query can use (none: the server opens no dataset). */
  datasets: Option[];
}

function QueryForm(props: { action: string; title: string; selects: Array<{ name: string; label: string; options: Option[] }> }) {
  return (
    <form method="get" action={`${REGISTER_PREFIX}/queries/${props.action}`} class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m">{props.title}</h2>
      {props.selects.map((s) => (
        <Select id={`${props.action}-${s.name}`} name={s.name} label={s.label} options={s.options} />
      ))}
      <Button text="Show" secondary id={`run-${props.action}`} />
    </form>
  );
}

export function queriesPage(v: QueriesView): string {
  const clustering = { name: 'clustering', label: 'Clustering', options: v.clusterings };
  const framework = { name: 'framework', label: 'Framework', options: v.frameworks };
  return page({
    title: 'Queries',
    actor: v.actor,
    csrf: v.csrf,
    crumbs: [{ text: 'Queries', href: `${REGISTER_PREFIX}/queries` }],
    children: (
      <>
        <h1 class="govuk-heading-l">Ask the register</h1>
        <QueryForm action="annexe3" title="Qualifications per role and cluster" selects={[clustering]} />
        <QueryForm action="coverage" title="Framework coverage of a role or cluster" selects={[{ name: 'target', label: 'Role or cluster', options: v.targets }, framework]} />
        <QueryForm action="gaps" title="Gaps: areas no key qualification covers" selects={[framework]} />
        <QueryForm action="compare" title="Coverage compared across a clustering" selects={[framework, clustering]} />
 {v.datasets.length > 0 ? (
          <QueryForm action="outcomes" title="Where people holding a role's or cluster's key qualifications went" selects={[{ name: 'target', label: 'Role or cluster', options: v.targets }, { name: 'dataset', label: 'Dataset', options: v.datasets }]} />
        ) : null}
        <QueryForm action="prerequisites" title="What must come before a qualification" selects={[{ name: 'qualification', label: 'Qualification', options: v.qualifications }]} />
      </>
    ),
  });
}
