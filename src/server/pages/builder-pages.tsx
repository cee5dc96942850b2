/**
 * The table builder's steps, one page and one URL each:
 *   /builder                 choose a dataset
 *   /builder/population      filters: who is counted
 *   /builder/layout          rows, columns and measures
 *   /builder/table           the table, a chart, CSV, permalink and API URL
 * Every step is a GET form carrying the earlier choices as hidden inputs, so
 * the back button, bookmarks and pages without JavaScript all work.
 */
import type { ApiDimension, DatasetInfo, DatasetSummary } from '../api/types.js';
import { Button, Choices, Details, ErrorSummary, Hidden, Inset } from './components.js';
import { MEASURES, MEASURE_LABELS, stateParams, stateUrl, type BuilderState, type StateProblem } from './builder-state.js';
import { formatCount } from './figures.js';
import { renderPage, type Crumb } from './layout.js';

/** Dimensions with more categories than this are not offered as filter checkboxes (the API takes them). */
export const MAX_FILTER_CHOICES = 60;

export function builderCrumbs(state: BuilderState, upTo: 'population' | 'layout' | 'table'): Crumb[] {
  const crumbs: Crumb[] = [{ text: 'Dataset', href: stateUrl('/builder', state, { filters: false, layout: false }) }];
  if (upTo === 'population') return crumbs;
  crumbs.push({ text: 'Population', href: stateUrl('/builder/population', state) });
  if (upTo === 'layout') return crumbs;
  crumbs.push({ text: 'Rows and columns', href: stateUrl('/builder/layout', state) });
  return crumbs;
}

function Steps(props: { step: number }) {
  return <span class="govuk-caption-l">Step {props.step} of 4</span>;
}

function Problems(props: { problems: StateProblem[] }) {
  if (props.problems.length === 0) return null;
  return <ErrorSummary title="There is a problem" errors={props.problems.map((p) => ({ text: p.text, href: `#${p.field}` }))} />;
}

export function datasetStep(datasets: DatasetSummary[], state: BuilderState): string {
  return renderPage({
    title: 'Table builder: choose a dataset',
    section: 'builder',
    children: (
      <>
        <Steps step={1} />
        <h1 class="govuk-heading-xl">Make a table</h1>
        <p class="govuk-body">
          Choose who to count and how to break them down. Every figure is protected as it is made: counts are perturbed and a table
          that could pick someone out is refused, with what to change.
        </p>
        <form method="get" action="/builder/population">
          <Choices
            type="radio"
            id="dataset"
            name="dataset"
            legend="Dataset"
            options={datasets.map((d) => ({ value: d.id, text: `${d.title} (${formatCount(d.people)} people)` }))}
            checked={[state.dataset || (datasets[0]?.id ?? '')]}
          />
          <Button text="Continue" id="continue" />
        </form>
      </>
    ),
  });
}

function FilterGroup(props: { dim: ApiDimension; state: BuilderState }) {
  const chosen = props.state.filters[props.dim.id] ?? [];
  if (props.dim.categories.length > MAX_FILTER_CHOICES) {
    return (
      <p class="govuk-body">
        <strong>{props.dim.label}</strong>: {formatCount(props.dim.categories.length)} categories, too many to list here; it can be used in
        rows or columns, or filtered through the API.
      </p>
    );
  }
  return (
    <details class="govuk-details" open={chosen.length > 0} data-filter={props.dim.id}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {props.dim.label}
          {chosen.length > 0 ? ` (${chosen.length} chosen)` : ''}
        </span>
      </summary>
      <div class="govuk-details__text">
        <Choices
          type="checkbox"
          id={`f-${props.dim.id}`}
          name={`f.${props.dim.id}`}
          legend={`Count only people with these ${props.dim.label.toLowerCase()} categories`}
          hint="Leave all unticked to count everyone."
          options={props.dim.categories.map((c) => ({ value: c.code, text: c.label }))}
          checked={chosen}
          small
        />
      </div>
    </details>
  );
}

export function populationStep(info: DatasetInfo, state: BuilderState): string {
  return renderPage({
    title: 'Table builder: population',
    section: 'builder',
    crumbs: builderCrumbs(state, 'population'),
    children: (
      <>
        <Steps step={2} />
        <h1 class="govuk-heading-xl">Who to count</h1>
        <p class="govuk-body">
          {info.title}: {formatCount(info.people)} people. Choose categories to narrow the population, or continue to count everyone.
        </p>
        <form method="get" action="/builder/layout">
          <Hidden params={stateParams(state, { filters: false })} />
          {info.dimensions.map((d) => (
            <FilterGroup dim={d} state={state} />
          ))}
          <Button text="Continue" id="continue" />
        </form>
      </>
    ),
  });
}

export function layoutStep(info: DatasetInfo, state: BuilderState, problems: StateProblem[]): string {
  const dims = info.dimensions.map((d) => ({ value: d.id, text: `${d.label} (${formatCount(d.categories.length)})` }));
  const errorOf = (field: string) => problems.filter((p) => p.field === field).map((p) => p.text).join('. ') || undefined;
  return renderPage({
    title: `${problems.length > 0 ? 'Error: ' : ''}Table builder: rows and columns`,
    section: 'builder',
    crumbs: builderCrumbs(state, 'layout'),
    children: (
      <>
        <Problems problems={problems} />
        <Steps step={3} />
        <h1 class="govuk-heading-xl">Rows and columns</h1>
        <form method="get" action="/builder/table">
          <Hidden params={stateParams(state, { layout: false })} />
          <Choices type="checkbox" id="rows" name="rows" legend="Rows" hint="Choose one to three. Region does not count towards the three." options={dims} checked={state.rows} small error={errorOf('rows')} />
          <Choices
            type="radio"
            id="columns"
            name="columns"
            legend="Columns"
            options={[{ value: '', text: 'None' }, ...dims]}
            checked={state.columns.length > 0 ? state.columns : ['']}
            small
            error={errorOf('columns')}
          />
          <Choices
            type="checkbox"
            id="measures"
            name="measures"
            legend="Measures"
            options={MEASURES.map((m) => ({ value: m, text: MEASURE_LABELS[m] }))}
            checked={state.measures.length > 0 ? state.measures : ['people']}
            small
            error={errorOf('measures')}
          />
          <Button text="Make the table" id="make-table" />
        </form>
        <Details summary="Which tables are refused">
          <p class="govuk-body">
            A table is refused when it crosses too many dimensions, has too many cells, counts too few people, or would have mostly very
            small cells. The page then says why and what to change.
          </p>
        </Details>
      </>
    ),
  });
}

export { Inset };
