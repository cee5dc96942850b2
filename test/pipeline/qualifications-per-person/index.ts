/**
 * A throw-away analysis written the way any analysis is (src/analyses/analysis.ts):
 * people by the number of qualifications they hold. It lives in this one folder;
 * nothing in disclosure control or the site knows it exists.
 */
import { z } from 'zod';
import { wholeNumber } from '../../../src/core/option-schemas.js';
import type { CountCell, Results } from '../../../src/core/results.js';
import { defineAnalysis, settingNotes } from '../../../src/analyses/analysis.js';
import { keyedCellCounts } from '../../../src/store/record-keys.js';

const options = z.object({
  most: wholeNumber(2, 20).default(4).meta({ placeholder: 'n', description: 'the last band: this many qualifications or more', label: 'Last band (this many or more)' }),
});

const TABLE = 'per-person.people';

export const qualificationsPerPerson = defineAnalysis({
  id: 'per-person',
  title: 'Qualifications per person',
  summary: 'people by the number of qualifications they hold',
  options,
  async run({ store, dataset, recordKeys }, o, scope): Promise<Results> {
    // People by band, with the cell keys the cell key method needs; the total is a cell of its own.
    const query = {
      datasetId: dataset.id,
      holdings: `SELECT q.person_key, least(count(*), $most)::INTEGER AS band FROM qualifications q JOIN people p USING (dataset_id, person_key)
                  WHERE q.dataset_id = $id AND ($region::VARCHAR IS NULL OR p.region = $region) GROUP BY q.person_key`,
      params: { id: dataset.id, most: o.most, region: scope.region },
      ...(recordKeys ? { recordKeys } : {}),
    };
    const byBand = await keyedCellCounts(store, { ...query, cells: ['band'] });
    const [total] = await keyedCellCounts(store, { ...query, cells: [] });
    const bands = Array.from({ length: o.most }, (_, i) => String(i + 1));
    const label = (b: string) => (Number(b) === o.most ? `${b} or more` : b);
    const cells: CountCell[] = byBand.map((r) => ({ keys: [String(r.values[0])], n: r.n, key: r.key }));
    if (total) cells.push({ keys: ['total'], n: total.n, key: total.key });
    const ref = (k: string) => ({ table: TABLE, keys: [k] });
    return {
      protected: false,
      analysis: 'per-person',
      title: 'Qualifications per person',
      dataset: dataset.name,
      region: scope.region,
      settings: { ...o },
      findings: { people: total?.n ?? 0 },
      countTables: [
        {
          id: TABLE,
          title: 'People by number of qualifications',
          dimensions: [{ id: 'band', label: 'Qualifications held', categories: [...bands.map((b) => ({ code: b, label: label(b) })), { code: 'total', label: 'All', children: bands }] }],
          additive: true,
          cells,
          sumsAcrossRegions: true,
        },
      ],
      reportTables: [
        {
          id: 'per-person.table',
          title: 'People by the number of qualifications they hold',
          section: 'per-person',
          columns: [
            { id: 'band', label: 'Qualifications held' },
            { id: 'people', label: 'People' },
            { id: 'share', label: '% of people' },
          ],
          rows: [...bands, 'total'].map((b) => ({
            id: b,
            ...(b === 'total' ? { total: true } : {}),
            cells: [{ kind: 'text', text: b === 'total' ? 'All' : label(b) }, { kind: 'count', ref: ref(b) }, { kind: 'share', num: ref(b), den: ref('total') }],
          })),
        },
      ],
      labels: { source: `Qualifications per person in "${dataset.name}"`, classification: ['Number of qualifications'] },
      sections: [{ id: 'per-person', heading: 'How many qualifications people hold', intro: 'People by the number of qualifications recorded for them.' }],
      headlines: [{ id: 'with-qualifications', label: 'People with qualifications', figure: { kind: 'count', ref: ref('total') }, sentence: { text: '{value} people {where} hold at least one qualification.' } }],
      methodNotes: ['Qualifications per person counts every qualification row of a person.'],
      settingNotes: settingNotes(options, { ...o }),
    };
  },
});
