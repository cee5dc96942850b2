/**
 * The builder's last step: what was asked (with links back to change it), then
 * either the refusal, explained (why and what to change, from the service's
 * rules), or the table, a chart of it, and three ways to take it away: the CSV,
 * a permalink (a POST form with a CSRF token) and the API URL of the same query.
 */
import type { DatasetInfo, QueryResult } from '../api/types.js';
import { answerGrid } from './answer-grid.js';
import { builderCrumbs } from './builder-pages.js';
import { MEASURE_LABELS, stateParams, stateUrl, type BuilderState } from './builder-state.js';
import { BarChart } from './chart.js';
import { Button, ErrorSummary, Hidden, SummaryList } from './components.js';
import { formatCount } from './figures.js';
import { SymbolKey } from './figures-pages.js';
import { renderPage } from './layout.js';

/** Rows and series the chart draws at most; the table holds everything. */
export const CHART_ROWS = 20;
export const CHART_SERIES = 8;

export interface TableLinks {
  csv: string;
  api: string;
  /** The stored permalink, once made. */
  permalink?: string;
  csrfToken: string;
}

function labelOf(info: DatasetInfo, dim: string): string {
  return info.dimensions.find((d) => d.id === dim)?.label ?? dim;
}

function filterText(info: DatasetInfo, state: BuilderState): string {
  const parts = Object.entries(state.filters).map(([dim, codes]) => {
    const d = info.dimensions.find((x) => x.id === dim);
    const names = codes.map((c) => d?.categories.find((x) => x.code === c)?.label ?? c);
    return `${d?.label ?? dim}: ${names.join(', ')}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'Everyone';
}

function Asked(props: { info: DatasetInfo; state: BuilderState }) {
  const { info, state } = props;
  return (
    <SummaryList
      rows={[
        { key: 'Dataset', value: info.title, change: { href: stateUrl('/builder', state), text: 'dataset' } },
        { key: 'Population', value: filterText(info, state), change: { href: stateUrl('/builder/population', state), text: 'population' } },
        { key: 'Rows', value: state.rows.map((r) => labelOf(info, r)).join(', '), change: { href: stateUrl('/builder/layout', state), text: 'rows' } },
        { key: 'Columns', value: state.columns.map((c) => labelOf(info, c)).join(', ') || 'None', change: { href: stateUrl('/builder/layout', state), text: 'columns' } },
        { key: 'Measures', value: (state.measures.length > 0 ? state.measures : ['people']).map((m) => MEASURE_LABELS[m] ?? m).join(', ') },
      ]}
    />
  );
}

function CopyField(props: { id: string; label: string; value: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={props.id}>
        {props.label}
      </label>
      <div class="rw-copy">
        <input class="govuk-input" id={props.id} type="text" value={props.value} readOnly spellcheck={false} />
        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-copy={props.id} hidden>
          Copy<span class="govuk-visually-hidden"> {props.label.toLowerCase()}</span>
        </button>
      </div>
      <div id={`${props.id}-status`} class="govuk-hint" role="status" aria-live="polite"></div>
    </div>
  );
}

function TakeAway(props: { state: BuilderState; links: TableLinks }) {
  const { links } = props;
  return (
    <>
      <h2 class="govuk-heading-m">Take this table away</h2>
      <p class="govuk-body">
        <a class="govuk-link" href={links.csv} download id="download-csv">
          Download the table as CSV
        </a>
      </p>
      <CopyField id="api-url" label="API URL for the same query" value={links.api} />
      {links.permalink ? (
        <CopyField id="permalink" label="Permalink (serves this answer later)" value={links.permalink} />
      ) : (
        <form method="post" action="/builder/permalink">
          <input type="hidden" name="_csrf" value={links.csrfToken} />
          <Hidden params={stateParams(props.state)} />
          <Button text="Make a permalink" secondary id="make-permalink" />
        </form>
      )}
    </>
  );
}

export function tableStep(info: DatasetInfo, state: BuilderState, result: QueryResult, links: TableLinks): string {
  const refused = !result.ok;
  return renderPage({
    title: `${refused ? 'Refused: ' : ''}Table builder: your table`,
    section: 'builder',
    crumbs: builderCrumbs(state, 'table'),
    children: (
      <>
        {!result.ok ? (
          <ErrorSummary
            title="This table cannot be made"
            errors={result.refusals.map((r) => ({ text: `${r.reason[0].toUpperCase()}${r.reason.slice(1)}: ${r.fix}.`, href: stateUrl('/builder/layout', state) }))}
          />
        ) : null}
        <span class="govuk-caption-l">Step 4 of 4</span>
        <h1 class="govuk-heading-xl">Your table</h1>
        <Asked info={info} state={state} />
        {result.ok ? <Answer info={info} state={state} result={result} links={links} /> : <Refused state={state} />}
      </>
    ),
  });
}

function Refused(props: { state: BuilderState }) {
  return (
    <p class="govuk-body" data-refused>
      Nothing from this query is shown, so that no person can be picked out. <a class="govuk-link" href={stateUrl('/builder/layout', props.state)}>Change the rows and columns</a> or{' '}
      <a class="govuk-link" href={stateUrl('/builder/population', props.state)}>the population</a>.
    </p>
  );
}

function Answer(props: { info: DatasetInfo; state: BuilderState; result: Extract<QueryResult, { ok: true }>; links: TableLinks }) {
  const grid = answerGrid(props.result.answer);
  const chartLines = grid.lines.slice(0, CHART_ROWS);
  const caption = `People by ${props.state.rows.map((r) => labelOf(props.info, r)).join(' and ')}${props.state.columns.length > 0 ? ` and ${labelOf(props.info, props.state.columns[0])}` : ''}`;
  return (
    <>
      <p class="govuk-body">
        {formatCount(props.result.answer.total)} people in the population. Counts are perturbed (the cell key method).
      </p>
      <BarChart
        id="table-chart"
        title={`${caption}${grid.lines.length > CHART_ROWS || grid.series.length > CHART_SERIES ? ' (the first rows and columns)' : ''}`}
        series={grid.series.slice(0, CHART_SERIES)}
        bars={chartLines.map((l) => ({ label: l.labels.filter(Boolean).join(', '), values: l.people.slice(0, CHART_SERIES) }))}
        format={formatCount}
      />
      <div class="rw-table-wrap">
        <table class="govuk-table govuk-table--small-text-until-tablet" id="answer" data-table="answer">
          <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {grid.rowHeaders.map((h) => (
                <th scope="col" class="govuk-table__header">
                  {h}
                </th>
              ))}
              {grid.valueHeaders.map((h) => (
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {[...grid.lines, grid.totals].map((l, i) => (
              <tr class="govuk-table__row" data-total={i === grid.lines.length ? 'true' : undefined}>
                {l.labels.map((t, j) =>
                  j === 0 ? (
                    <th scope="row" class="govuk-table__header">
                      {t}
                    </th>
                  ) : (
                    <td class="govuk-table__cell">{t}</td>
                  ),
                )}
                {l.values.map((v) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric">{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SymbolKey />
      <TakeAway state={props.state} links={props.links} />
    </>
  );
}
