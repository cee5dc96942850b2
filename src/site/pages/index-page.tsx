/**
 * The index of a published site: every report in the release set with its
 * stable report code and the headline figures its analyses declared (one
 * column per headline: a figure, or a count of items with the first beside it).
 */
import type { PublishedHeadline } from '../../core/disclosure/release.js';
import { SYMBOL_MEANINGS } from '../../core/disclosure/release.js';
import type { StandardLabels } from '../../core/results.js';
import { formatCount } from '../format.js';
import { figureText, itemText } from '../headlines.js';
import { Labels, Page, SymbolKey } from './components.js';

export interface IndexEntry {
  code: string;
  name: string;
  href: string;
  pdf?: string;
  headlines: readonly PublishedHeadline[];
}

/** The headline columns: every headline id in the order first met, with its label. */
function headlineColumns(entries: IndexEntry[]): Array<{ id: string; label: string }> {
  const cols: Array<{ id: string; label: string }> = [];
  for (const e of entries) for (const h of e.headlines) if (!cols.some((c) => c.id === h.id)) cols.push({ id: h.id, label: h.label });
  return cols;
}

function HeadlineCell(props: { h: PublishedHeadline | undefined }) {
  const { h } = props;
  if (!h) return <td class="num">–</td>;
  if (h.items) {
    const first = h.items[0];
    return (
      <td class="num">
        {formatCount(h.items.length)}
        {first ? <span class="ci">{itemText(first)}</span> : null}
      </td>
    );
  }
  const v = figureText(h.figure);
  return <td class="num">{v ?? <abbr title={SYMBOL_MEANINGS['[c]']}>[c]</abbr>}</td>;
}

export function IndexPage(props: { title: string; dataset: string; date: string; entries: IndexEntry[]; labels: StandardLabels; datapackage: string }) {
  const { entries } = props;
  const columns = headlineColumns(entries);
  return (
    <Page title={props.title} home={null}>
      <h1>{props.title}</h1>
      <p class="lede">
        Which qualifications lead to which occupations, region by region: clusters of qualifications and occupations, the people in
        each cluster, and pathways from subject areas into occupations. Each report has an interactive map, tables you can download,
        and notes on method.
      </p>
      <p class="meta">
        Dataset {props.dataset} · published {props.date}
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="reports-caption">
        <table data-table="reports">
          <caption id="reports-caption">
            Reports
            <span class="sub">Report codes are stable: RS01 followed by the region code (RS01ALL for all regions together).</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Report code</th>
              <th scope="col">Region</th>
              {columns.map((c) => (
                <th scope="col" class="num">
                  {c.label}
                </th>
              ))}
              <th scope="col">PDF</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr data-code={e.code}>
                <th scope="row">{e.code}</th>
                <td>
                  <a href={e.href}>{e.name}</a>
                </td>
                {columns.map((c) => (
                  <HeadlineCell h={e.headlines.find((h) => h.id === c.id)} />
                ))}
                <td>{e.pdf ? <a href={e.pdf}>PDF<span class="visually-hidden"> of report {e.code}</span></a> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>About these statistics</h2>
      <Labels labels={props.labels} />
      <h2>Symbols</h2>
      <SymbolKey />
      <h2>Open data</h2>
      <p>
        Every table is published as CSV with the symbols above in place of withheld figures, described in a{' '}
        <a href={props.datapackage}>Frictionless data package</a>. Each report also offers its network of qualifications and
        occupations as JSON and GEXF.
      </p>
    </Page>
  );
}
