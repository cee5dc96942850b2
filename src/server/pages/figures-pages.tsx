/**
 * The two figures pages of the explorer: a qualification (where its holders
 * went) and an occupation (the qualifications that led there). Each has a
 * region switcher (a GET form), a server-drawn bar chart and a table with the
 * same perturbed figures, all from the protected service.
 */
import type { ApiCategory, Destinations, Routes } from '../api/types.js';
import { BarChart } from './chart.js';
import { Button, Details, Inset, Select, SummaryList, Table } from './components.js';
import { explorePath, occupationPath, qualificationPath } from './explore-pages.js';
import { SYMBOL_KEY, formatCount, relatedText, shareText } from './figures.js';
import { renderPage } from './layout.js';

/** Bars drawn at most; the table lists every occupation or qualification. */
export const CHART_BARS = 15;

function RegionSwitcher(props: { action: string; regions: ApiCategory[]; region: string | null }) {
  return (
    <form method="get" action={props.action} class="rw-region" data-region-switcher>
      <Select
        id="region"
        name="region"
        label="Region"
        options={[{ value: '', text: 'All regions' }, ...props.regions.map((r) => ({ value: r.code, text: r.label }))]}
        value={props.region ?? ''}
      />
      <Button text="Show region" secondary />
    </form>
  );
}

function regionName(regions: ApiCategory[], region: string | null): string {
  return region === null ? 'All regions' : (regions.find((r) => r.code === region)?.label ?? region);
}

export function SymbolKey() {
  return (
    <Details summary="What the symbols mean">
      <ul class="govuk-list">
        {SYMBOL_KEY.map(([s, meaning]) => (
          <li>
            <strong>{s}</strong> {meaning}
          </li>
        ))}
      </ul>
      <p class="govuk-body">Counts are perturbed slightly (the cell key method), so totals may not add up exactly.</p>
    </Details>
  );
}

export function qualificationPage(d: Destinations, regions: ApiCategory[]): string {
  const where = regionName(regions, d.region);
  const top = d.occupations.slice(0, CHART_BARS);
  return renderPage({
    title: d.qualification.title,
    section: 'explore',
    crumbs: [{ text: 'Explore', href: explorePath(d.dataset) }],
    children: (
      <>
        <span class="govuk-caption-l">Qualification</span>
        <h1 class="govuk-heading-xl">{d.qualification.title}</h1>
        <SummaryList
          rows={[
            { key: 'Subject area', value: d.qualification.ssaTitle ?? 'Not known' },
            { key: 'Area', value: where },
            { key: 'People holding it', value: formatCount(d.people) },
            { key: 'In an occupation related to its subject', value: shareText(d.relatedShare, d.relatedSymbol) },
          ]}
        />
        <RegionSwitcher action={qualificationPath(d.dataset, d.qualification.id)} regions={regions} region={d.region} />
        <h2 class="govuk-heading-l">Where holders went</h2>
        {d.occupations.length === 0 ? (
          <Inset>No occupation can be shown for {where}: too few people.</Inset>
        ) : (
          <>
            <BarChart
              id="destinations-chart"
              title={`Occupations entered by people holding ${d.qualification.title}, ${where} (top ${top.length}, people)`}
              series={['People']}
              bars={top.map((o) => ({ label: o.title, values: [o.people] }))}
              format={formatCount}
            />
            <div class="rw-table-wrap">
              <Table
                id="destinations"
                caption={`Occupations entered, ${where}`}
                columns={[{ text: 'Occupation' }, { text: 'SOC' }, { text: 'People', numeric: true }, { text: 'Share of holders', numeric: true }, { text: 'Related to subject' }]}
                rows={d.occupations.map((o) => [
                  { text: o.title, href: occupationPath(d.dataset, o.soc, d.region) },
                  o.soc,
                  formatCount(o.people),
                  shareText(o.share, o.symbol),
                  relatedText(o.related),
                ])}
              />
            </div>
          </>
        )}
        <h2 class="govuk-heading-l">Cluster</h2>
        {d.cluster ? (
          <>
            <p class="govuk-body" data-cluster={d.cluster.id}>
              This qualification belongs to the cluster <strong>{d.cluster.name}</strong>: qualifications and occupations that are
              held together more often than chance. Its other members:
            </p>
            <ul class="govuk-list govuk-list--bullet rw-columns" data-cluster-members>
              {d.cluster.members.map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          </>
        ) : (
          <Inset>The clusters analysis did not place this qualification in a cluster.</Inset>
        )}
        <SymbolKey />
      </>
    ),
  });
}

export function occupationPage(r: Routes, regions: ApiCategory[]): string {
  const where = regionName(regions, r.region);
  const top = r.qualifications.slice(0, CHART_BARS);
  return renderPage({
    title: r.occupation.title,
    section: 'explore',
    crumbs: [{ text: 'Explore', href: explorePath(r.dataset) }],
    children: (
      <>
        <span class="govuk-caption-l">Occupation (SOC {r.occupation.level === 'major' ? 'major' : 'sub-major'} group {r.occupation.soc})</span>
        <h1 class="govuk-heading-xl">{r.occupation.title}</h1>
        <SummaryList
          rows={[
            { key: 'Area', value: where },
            { key: 'People in it', value: formatCount(r.people) },
          ]}
        />
        <RegionSwitcher action={occupationPath(r.dataset, r.occupation.soc)} regions={regions} region={r.region} />
        <h2 class="govuk-heading-l">Qualifications that led here</h2>
        {r.qualifications.length === 0 ? (
          <Inset>No qualification can be shown for {where}: too few people.</Inset>
        ) : (
          <>
            <BarChart
              id="routes-chart"
              title={`Qualifications held by people in ${r.occupation.title}, ${where} (top ${top.length}, people)`}
              series={['People']}
              bars={top.map((q) => ({ label: q.title, values: [q.people] }))}
              format={formatCount}
            />
            <div class="rw-table-wrap">
              <Table
                id="routes"
                caption={`Qualifications held, ${where}`}
                columns={[{ text: 'Qualification' }, { text: 'People', numeric: true }, { text: 'Share of the occupation', numeric: true }]}
                rows={r.qualifications.map((q) => [{ text: q.title, href: qualificationPath(r.dataset, q.id, r.region) }, formatCount(q.people), shareText(q.share, q.symbol)])}
              />
            </div>
          </>
        )}
        <SymbolKey />
      </>
    ),
  });
}
