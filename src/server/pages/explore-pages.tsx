/**
 * The explorer's pages: the home page with its two searches, search results,
 * and the list of datasets. The figures pages are in qualification-page.tsx
 * and occupation-page.tsx. Each search is a plain GET form; explorer.js adds
 * suggestions as you type (data-suggest names the endpoint).
 */
import type { DatasetSummary, OccupationHit, QualificationHit } from '../api/types.js';
import { Button, Inset } from './components.js';
import { formatCount } from './figures.js';
import { renderPage } from './layout.js';

export const explorePath = (dataset: string) => `/explore/${encodeURIComponent(dataset)}`;
export const qualificationPath = (dataset: string, id: string, region?: string | null) =>
  `${explorePath(dataset)}/qualifications/${encodeURIComponent(id)}${region ? `?region=${encodeURIComponent(region)}` : ''}`;
export const occupationPath = (dataset: string, soc: string, region?: string | null) =>
  `${explorePath(dataset)}/occupations/${encodeURIComponent(soc)}${region ? `?region=${encodeURIComponent(region)}` : ''}`;

export type SearchKind = 'qualifications' | 'occupations';

const SEARCH_TEXT: Record<SearchKind, { label: string; hint: string; button: string }> = {
  qualifications: {
    label: 'Search for a qualification',
    hint: 'For example, forklift licence or NVQ Level 2 in Hospitality. See the jobs its holders went into.',
    button: 'Search qualifications',
  },
  occupations: {
    label: 'Search for a job',
    hint: 'For example, care worker or electrician. See the qualifications that led there.',
    button: 'Search jobs',
  },
};

export function SearchForm(props: { dataset: string; kind: SearchKind; value?: string; level?: 'l' | 'm' | 's' }) {
  const t = SEARCH_TEXT[props.kind];
  const id = `search-${props.kind}`;
  const base = explorePath(props.dataset);
  return (
    <form method="get" action={`${base}/${props.kind}`} role="search" class="govuk-!-margin-bottom-8" data-search={props.kind}>
      <div class="govuk-form-group">
        <h2 class="govuk-label-wrapper">
          <label class={`govuk-label govuk-label--${props.level ?? 'm'}`} for={id}>
            {t.label}
          </label>
        </h2>
        <div id={`${id}-hint`} class="govuk-hint">
          {t.hint}
        </div>
        <div class="rw-search">
          <input
            class="govuk-input govuk-!-width-two-thirds"
            id={id}
            name="q"
            type="search"
            spellcheck={false}
            value={props.value ?? ''}
            aria-describedby={`${id}-hint`}
            data-suggest={`${base}/suggest/${props.kind}`}
          />
        </div>
      </div>
      <Button text={t.button} />
    </form>
  );
}

export function homePage(dataset: DatasetSummary): string {
  return renderPage({
    title: 'Where qualifications lead',
    section: 'explore',
    children: (
      <>
        <span class="govuk-caption-l">{dataset.title}</span>
        <h1 class="govuk-heading-xl">Where qualifications lead</h1>
        <p class="govuk-body-l">
          Find out which jobs people went into after a qualification, and which qualifications led to a job. Figures cover{' '}
          {formatCount(dataset.people)} people.
        </p>
        <SearchForm dataset={dataset.id} kind="qualifications" />
        <SearchForm dataset={dataset.id} kind="occupations" />
        <p class="govuk-body">
          To make a table of your own, use the <a class="govuk-link" href={`/builder/population?dataset=${encodeURIComponent(dataset.id)}`}>table builder</a>.
        </p>
      </>
    ),
  });
}

export function datasetsPage(datasets: DatasetSummary[]): string {
  return renderPage({
    title: 'Choose a dataset',
    section: 'explore',
    children: (
      <>
        <h1 class="govuk-heading-xl">Choose a dataset</h1>
        {datasets.length === 0 ? <Inset>No dataset is open on this server.</Inset> : null}
        <ul class="govuk-list">
          {datasets.map((d) => (
            <li>
              <a class="govuk-link" href={explorePath(d.id)}>
                {d.title}
              </a>{' '}
              ({formatCount(d.people)} people)
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

export type Hit = { text: string; hint: string; href: string };

export function qualificationHits(dataset: string, hits: QualificationHit[]): Hit[] {
  return hits.map((h) => ({ text: h.title, hint: `${formatCount(h.people)} people`, href: qualificationPath(dataset, h.id) }));
}

export function occupationHits(dataset: string, hits: OccupationHit[]): Hit[] {
  return hits.map((h) => ({
    text: h.title,
    hint: `SOC ${h.soc}${h.matchedTitles?.length ? `, includes ${h.matchedTitles.slice(0, 3).join(', ')}` : ''}, ${formatCount(h.people)} people`,
    href: occupationPath(dataset, h.soc),
  }));
}

export function resultsPage(dataset: DatasetSummary, kind: SearchKind, q: string, hits: Hit[]): string {
  const what = kind === 'qualifications' ? 'qualifications' : 'jobs';
  const counted = `${hits.length} ${hits.length === 1 ? what.slice(0, -1) : what}`;
  return renderPage({
    title: q ? `${counted} matching “${q}”` : `Search ${what}`,
    section: 'explore',
    crumbs: [{ text: 'Explore', href: explorePath(dataset.id) }],
    children: (
      <>
        <h1 class="govuk-heading-l">{q ? `${what[0].toUpperCase()}${what.slice(1)} matching “${q}”` : `Search ${what}`}</h1>
        <SearchForm dataset={dataset.id} kind={kind} value={q} level="s" />
        {q && hits.length === 0 ? (
          <Inset>
            Nothing matches “{q}”. Try fewer or different words. Titles held by very few people are not listed, so that nobody can be
            picked out.
          </Inset>
        ) : null}
        {hits.length > 0 ? (
          <>
            <p class="govuk-body" id="results-count">
              {hits.length} {hits.length === 1 ? 'result' : 'results'}
            </p>
            <ul class="govuk-list govuk-list--spaced" data-results={kind}>
              {hits.map((h) => (
                <li>
                  <a class="govuk-link govuk-!-font-weight-bold" href={h.href}>
                    {h.text}
                  </a>
                  <br />
                  <span class="govuk-hint govuk-!-margin-bottom-0">{h.hint}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>
    ),
  });
}
