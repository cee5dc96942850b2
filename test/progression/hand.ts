/**
 * A hand-built set of histories whose every measure is worked out below
 * (qualifications achieved 2020-01-01 unless noted; 12-month window, so the
 * window's days are 2020-01-01 .. 2020-12-31 (366, a leap year) and its end
 * E is 2021-01-01; records observed to 2022-12-31).
 *
 * p1  CSCS (SSA 5, L2). One job across the whole window: 91, 37.5 h, 10/hour, permanent. Claim 2020-02-01..05-31 (left, no new claim).
 * p2  CSCS L1 2019 and Diploma L2 2020 (the anchor). A 92 2019-09-01..2020-03-31, 20 h, 160/week (8/h), zero-hours, involuntary exit;
 *     gap; B 53 from 2020-07-01, 40 h, 2000/month (11.5069/h), permanent. Days 91 + 184 = 275.
 * p3  Retail Skills (SSA 7). Overlapping spells: A 71 2019-01-01..2020-06-30, 30 h, 9/hour, temporary; B 41 2020-03-01..09-30,
 *     16 h, 9000/year (10.787/h), fixed-term, voluntary exit. Not in work at E. Days (union) 274.
 * p4  Care Cert (SSA 1). A training spell across the window edge: 61 2020-02-01..2021-01-01 (ends ON E), 25 h, 250/week (10/h),
 *     zero-hours. Days 335.
 * p5  CSCS (SSA 5). A 92 2020-01-15..2020-12-31 (ends E - 1), 40 h, 8.5/hour, temporary, involuntary; B 82 from 2021-01-01 (starts ON E),
 *     40 h, 9.5/hour, permanent. Days 352.
 * p6  Retail Skills L1. Never in work; claims 2019-03-01..08-31 and from 2020-04-01 (a repeat claim).
 * p8  no achievement date (no-date). p9 achieved 2022-06-01 (window ends after the records: incomplete); a job 41 from 2022-07-01, 12/hour.
 * p10 no qualification.
 * p11 Bricklaying apprenticeship (SSA 5, L3). A 53 2018-09-01..2020-01-01 (ends ON the achievement day), training, 30 h, 5/hour,
 *     fixed-term, voluntary; B 53 from 2020-02-01, 40 h, 25000/year (11.986/h), permanent. Days 1 + 335 = 336.
 *
 * Hourly pays of all dated spells: 5, 8, 8.5, 9, 9.5, 10, 10, 10.787, 11.507, 11.986, 12: median 10.
 */
import type { PersonHistory } from '../../src/core/progression/spells.js';
import { person } from './helpers.js';

const L2 = { ssa: '5', level: 2, type: 'classroom' as const, on: '2020-01-01' };

export const HAND: PersonHistory[] = [
  person(1, {
    quals: [{ title: 'CSCS', ...L2 }],
    spells: [{ from: '2019-06-01', soc: '91', hours: 37.5, pay: 10, per: 'hour', contract: 'permanent', type: 'full-time' }],
    claims: [['2020-02-01', '2020-05-31']],
  }),
  person(2, {
    quals: [
      { title: 'CSCS', ssa: '5', level: 1, type: 'classroom', on: '2019-01-01' },
      { title: 'Diploma', ...L2 },
    ],
    spells: [
      { from: '2019-09-01', to: '2020-03-31', soc: '92', hours: 20, pay: 160, per: 'week', contract: 'zero-hours', exit: 'involuntary' },
      { from: '2020-07-01', soc: '53', hours: 40, pay: 2000, per: 'month', contract: 'permanent' },
    ],
  }),
  person(3, {
    quals: [{ title: 'Retail Skills', ...L2, ssa: '7' }],
    spells: [
      { from: '2019-01-01', to: '2020-06-30', soc: '71', hours: 30, pay: 9, per: 'hour', contract: 'temporary' },
      { from: '2020-03-01', to: '2020-09-30', soc: '41', hours: 16, pay: 9000, per: 'year', contract: 'fixed-term', exit: 'voluntary' },
    ],
  }),
  person(4, {
    region: 'YH',
    quals: [{ title: 'Care Cert', ...L2, ssa: '1' }],
    spells: [{ from: '2020-02-01', to: '2021-01-01', soc: '61', hours: 25, pay: 250, per: 'week', contract: 'zero-hours', type: 'training' }],
  }),
  person(5, {
    region: 'YH',
    quals: [{ title: 'CSCS', ...L2 }],
    spells: [
      { from: '2020-01-15', to: '2020-12-31', soc: '92', hours: 40, pay: 8.5, per: 'hour', contract: 'temporary', exit: 'involuntary' },
      { from: '2021-01-01', soc: '82', hours: 40, pay: 9.5, per: 'hour', contract: 'permanent' },
    ],
  }),
  person(6, {
    quals: [{ title: 'Retail Skills', ...L2, ssa: '7', level: 1 }],
    claims: [
      ['2019-03-01', '2019-08-31'],
      ['2020-04-01', null],
    ],
  }),
  person(8, { quals: [{ title: 'CSCS', ...L2, on: null }] }),
  person(9, { quals: [{ title: 'CSCS', ...L2, on: '2022-06-01' }], spells: [{ from: '2022-07-01', soc: '41', pay: 12, per: 'hour' }] }),
  person(10, { spells: [{ from: '2020-01-01', soc: '91' }] }),
  person(11, {
    quals: [{ title: 'Bricklaying', ssa: '5', level: 3, type: 'apprenticeship', on: '2020-01-01' }],
    spells: [
      { from: '2018-09-01', to: '2020-01-01', soc: '53', type: 'training', hours: 30, pay: 5, per: 'hour', contract: 'fixed-term', exit: 'voluntary' },
      { from: '2020-02-01', soc: '53', hours: 40, pay: 25000, per: 'year', contract: 'permanent', type: 'full-time' },
    ],
  }),
];
