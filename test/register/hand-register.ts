/**
 * A small register built by hand, whose coverage, gaps, over-provision,
 * near-duplicates and prerequisite routes are worked out in the tests.
 *
 *   modules: M1 -> A1, M2 -> A2, M3 -> A1 A2, M4 -> none, M5 -> A3
 *   Q1 'Certificate in Care' (L2) = M1 + M2, requires Q7
 *   Q2 'Diploma in Care' (L2)     = M3 + M4, requires M4
 *   Q3 'Advanced Diploma' (L3)    = Q1 + M5 (a qualification as a part), requires Q1 and Q2
 *   Q4 'certificate in care!' (L2) = M1 + M2 (a near-duplicate of Q1)
 *   Q5 'Award in Care' (L2)       = M1 + M2 + M3
 *   Q6 retired; Q7 'Entry Award' (L1)
 *   R1: Q1 key, Q2 key, Q3, Q4, Q6 (retired)   R2: Q3 key   R3: nothing
 *   clustering G1: C1 = R1 + R2, C2 = R3
 */
import type { Module, Qualification, RegisterData } from '../../src/core/register/types.js';

function q(id: string, title: string, level: number, parts: string[], prerequisites: string[] = [], extra: Partial<Qualification> = {}): Qualification {
  return {
    id,
    title,
    key: false,
    type: 'VRQ',
    awardingBody: 'CACHE',
    level,
    learningHours: 120,
    unitCode: null,
    ssa: '1.3',
    notes: null,
    source: null,
    sourceUrl: null,
    parts: parts.map((p, i) => ({ id: p, mandatory: i === 0 })),
    prerequisites,
    areas: [],
    status: 'current',
    version: 1,
    ...extra,
  };
}

function m(id: string, areas: string[]): Module {
  return { id, title: `Module ${id}`, unitCode: null, level: 2, learningHours: 20, notes: null, source: null, sourceUrl: null, areas, status: 'current', version: 1 };
}

export function handRegister(): RegisterData {
  return {
    frameworks: [{ id: 'F1', name: 'Core', notes: null, status: 'current', version: 1 }],
    areas: ['Communication', 'Development', 'Safeguarding', 'Transitions'].map((name, i) => ({
      id: `A${i + 1}`,
      frameworkId: 'F1',
      name,
      description: null,
      position: i + 1,
      status: 'current' as const,
      version: 1,
    })),
    modules: [m('M1', ['A1']), m('M2', ['A2']), m('M3', ['A1', 'A2']), m('M4', []), m('M5', ['A3'])],
    qualifications: [
      q('Q1', 'Certificate in Care', 2, ['M1', 'M2'], ['Q7'], { unitCode: '500/0001/1' }),
      q('Q2', 'Diploma in Care', 2, ['M3', 'M4'], ['M4']),
      q('Q3', 'Advanced Diploma', 3, ['Q1', 'M5'], ['Q1', 'Q2']),
      q('Q4', 'certificate in care!', 2, ['M1', 'M2'], [], { awardingBody: 'City & Guilds' }),
      q('Q5', 'Award in Care', 2, ['M1', 'M2', 'M3']),
      q('Q6', 'Old Certificate', 2, ['M1'], [], { status: 'retired' }),
      q('Q7', 'Entry Award', 1, ['M4']),
    ],
    roles: [
      { id: 'R1', name: 'Care Worker', notes: null, qualifications: [{ id: 'Q1', key: true }, { id: 'Q2', key: true }, { id: 'Q3', key: false }, { id: 'Q4', key: false }, { id: 'Q6', key: true }], status: 'current', version: 1 },
      { id: 'R2', name: 'Senior Care Worker', notes: null, qualifications: [{ id: 'Q3', key: true }], status: 'current', version: 1 },
      { id: 'R3', name: 'Volunteer', notes: null, qualifications: [], status: 'current', version: 1 },
    ],
    clusterings: [{ id: 'G1', name: 'Sectors', notes: null, status: 'current', version: 1 }],
    clusters: [
      { id: 'C1', clusteringId: 'G1', name: 'Care', notes: null, roles: ['R1', 'R2'], status: 'current', version: 1 },
      { id: 'C2', clusteringId: 'G1', name: 'Voluntary', notes: null, roles: ['R3'], status: 'current', version: 1 },
    ],
    providers: [{ id: 'P1', name: 'Town College', url: 'https://www.example.org/college', notes: null, courses: [{ qualificationId: 'Q1', hours: 90 }, { qualificationId: 'Q2', hours: null }], status: 'current', version: 1 }],
  };
}
