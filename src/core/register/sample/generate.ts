/**
 * The sample register (`routeways register demo`): seed 003's roles and
 * clusters (Annexe 1), a second clustering by level, the Common Core's six
 * areas, and synthetic qualifications and modules whose counts per role are
 * those of Annexe 3 (726 in all, each linked to one role), about half of them
 * key, with modules shared between qualifications, module-to-area mappings,
 * apprenticeships holding an NVQ, prerequisites from one level to the next,
 * planted near-duplicates and providers with course hours. Deterministic: the
 * same seed gives the same register.
 */
import { Random } from '../../random.js';
import { makeId } from '../ids.js';
import { validateRecord } from '../schemas.js';
import { COLLECTION, RECORD_KINDS, recordsOf, type Area, type Cluster, type Module, type Part, type Provider, type Qualification, type QualificationType, type RegisterData, type Role } from '../types.js';
import { ANNEXE1_CLUSTERS, ANNEXE3_COUNTS } from './seed-003.js';
import { COMMON_CORE_AREAS, PROVIDER_KINDS, PROVIDER_TOWNS, THEMES, type Theme } from './themes.js';

const pick = <T>(rng: Random, list: readonly T[]): T => list[rng.nextInt(list.length)];

interface Draft {
  q: Qualification;
  cluster: string;
  roleId: string;
  /** The qualification this one duplicates, for planted near-duplicates. */
  twin?: Draft;
}

export function sampleRegister(seed = 1): RegisterData {
  const rng = new Random(seed);
  const frameworks = [{ id: 'F1', name: 'Common Core of Skills and Knowledge for the Children\'s Workforce', notes: 'DfES, April 2005: the six areas of expertise.', status: 'current' as const, version: 1 }];
  const areas: Area[] = COMMON_CORE_AREAS.map((name, i) => ({ id: makeId('area', i + 1), frameworkId: 'F1', name, description: null, position: i + 1, status: 'current', version: 1 }));
  const { roles, roleId } = sampleRoles();
  const sscClusters: Cluster[] = ANNEXE1_CLUSTERS.map((c, i) => ({
    id: makeId('cluster', i + 1),
    clusteringId: 'G1',
    name: c.name,
    notes: null,
    roles: [...new Set(c.roles.map((r) => roleId.get(r)!))],
    status: 'current',
    version: 1,
  }));
  const drafts = draftQualifications(rng, roleId);
  const { modules, poolOf } = sampleModules(rng, drafts);
  attachParts(rng, drafts, modules, poolOf);
  addPrerequisites(rng, drafts, modules, poolOf);
  for (const d of drafts) {
    const role = roles.find((r) => r.id === d.roleId)!;
    role.qualifications.push({ id: d.q.id, key: d.q.key });
  }
  const qualifications = drafts.map((d) => d.q);
  const levelClusters = clustersByLevel(roles, qualifications, ANNEXE1_CLUSTERS.length);
  return normalised({
    qualifications,
    modules,
    roles,
    clusterings: [
      { id: 'G1', name: 'Sector Skills Council clusters (seed 003, Annexe 1)', notes: 'The clusters used on the SHU database, mirroring Sector Skills Council areas.', status: 'current', version: 1 },
      { id: 'G2', name: 'By level', notes: "Roles by the level their name gives, else the commonest level of their qualifications.", status: 'current', version: 1 },
    ],
    clusters: [...sscClusters, ...levelClusters],
    frameworks,
    areas,
    providers: sampleProviders(rng, qualifications),
  });
}

/** Every record as validation leaves it (lists sorted by id), so the sample reads back from a store unchanged. */
function normalised(data: RegisterData): RegisterData {
  const out = { ...data };
  for (const kind of RECORD_KINDS) {
    (out as unknown as Record<string, unknown>)[COLLECTION[kind]] = recordsOf(data, kind).map((r) => {
      const v = validateRecord(kind, r);
      if (!v.ok) throw new Error(`sample ${r.id} is not valid: ${v.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
      return v.value;
    });
  }
  return out;
}

function sampleRoles(): { roles: Role[]; roleId: Map<string, string> } {
  const roleId = new Map<string, string>();
  const roles: Role[] = [];
  for (const c of ANNEXE1_CLUSTERS) {
    for (const name of c.roles) {
      if (roleId.has(name)) continue;
      const id = makeId('role', roles.length + 1);
      roleId.set(name, id);
      roles.push({ id, name, notes: null, qualifications: [], status: 'current', version: 1 });
    }
  }
  return { roles, roleId };
}

/** The level a role's name gives ('Level 3', 'JNC Level 2'), else a guess from its words. */
export function roleLevel(name: string): { level: number; stated: boolean } {
  const m = /Level (\d)/i.exec(name);
  if (m) return { level: Number(m[1]), stated: true };
  if (/manager|headteacher|superintendent|inspector|senior|coordinator/i.test(name)) return { level: 6, stated: false };
  if (/social worker|teacher|psycholog|nurse|therapist|midwife|visitor|paediatrician|psychiatrist|probation officer|professional|GP|SENCO|clerk/i.test(name)) {
    return { level: 6, stated: false };
  }
  if (/volunteer|leader|supervisor|assistant|carer/i.test(name)) return { level: 2, stated: false };
  return { level: 3, stated: false };
}

function qualificationLevel(rng: Random, roleLevelValue: number): number {
  const u = rng.nextFloat();
  const l = roleLevelValue + (u < 0.25 ? -1 : u < 0.8 ? 0 : 1);
  if (l < 1) return rng.nextFloat() < 0.5 ? 0 : 1;
  return Math.min(8, l);
}

function qualificationType(rng: Random, level: number): QualificationType {
  const u = rng.nextFloat();
  if (level <= 3) return u < 0.45 ? 'NVQ' : u < 0.75 ? 'VRQ' : u < 0.87 ? 'apprenticeship' : 'short course';
  if (level <= 5) return u < 0.25 ? 'NVQ' : u < 0.6 ? 'HE' : u < 0.85 ? 'professional' : 'VRQ';
  return u < 0.6 ? 'HE' : u < 0.95 ? 'professional' : 'short course';
}

function titleFor(rng: Random, type: QualificationType, level: number, subject: string): string {
  if (level === 0) return `Entry Level Certificate in ${subject}`;
  switch (type) {
    case 'NVQ':
      return `NVQ Level ${level} in ${subject}`;
    case 'VRQ':
      return `Level ${level} ${pick(rng, ['Certificate', 'Diploma', 'Award'])} in ${subject}`;
    case 'apprenticeship':
      return `${level >= 4 ? 'Higher ' : level === 3 ? 'Advanced ' : ''}Apprenticeship in ${subject}`;
    case 'HE':
      return level <= 4
        ? `Certificate of Higher Education in ${subject}`
        : level === 5
          ? `Foundation Degree in ${subject}`
          : level === 6
            ? `BA (Hons) ${subject}`
            : level === 7
              ? `${pick(rng, ['MA', 'MSc', 'Postgraduate Diploma in'])} ${subject}`
              : `Professional Doctorate in ${subject}`;
    case 'professional':
      return `${pick(rng, ['Professional Certificate', 'Diploma', 'Professional Award'])} in ${subject} (Level ${level})`;
    default:
      return `${pick(rng, ['Introduction to', 'Short Course in', 'Foundations of'])} ${subject}`;
  }
}

const TYPICAL_HOURS = [60, 120, 300, 500, 600, 1200, 3600, 1800, 5400];

function draftQualifications(rng: Random, roleId: ReadonlyMap<string, string>): Draft[] {
  const drafts: Draft[] = [];
  const titles = new Set<string>();
  const codes = new Set<string>();
  for (const [cluster, role, count] of ANNEXE3_COUNTS) {
    const theme = THEMES[cluster];
    const rl = roleLevel(role).level;
    const ofRole: Draft[] = [];
    for (let i = 0; i < count; i++) {
      const id = makeId('qualification', drafts.length + 1);
      const twin = ofRole.length > 0 && rng.nextFloat() < 0.05 ? pick(rng, ofRole) : undefined;
      const q = twin ? twinOf(rng, twin.q, id, theme) : newQualification(rng, id, theme, rl, titles);
      q.key = i === 0 || rng.nextFloat() < 0.42;
      q.unitCode = uniqueCode(rng, q, codes);
      q.sourceUrl = q.unitCode ? `https://www.example.org/qualifications/${encodeURIComponent(q.unitCode)}` : null;
      const d: Draft = { q, cluster, roleId: roleId.get(role)!, twin };
      drafts.push(d);
      ofRole.push(d);
    }
  }
  return drafts;
}

function newQualification(rng: Random, id: string, theme: Theme, rl: number, titles: Set<string>): Qualification {
  const level = qualificationLevel(rng, rl);
  const type = qualificationType(rng, level);
  const subject = pick(rng, theme.subjects);
  let title = titleFor(rng, type, level, subject);
  if (titles.has(title)) title = `${title}: ${pick(rng, theme.topics)}`;
  for (let n = 2; titles.has(title); n++) title = `${title.replace(/ \(pathway \d+\)$/, '')} (pathway ${n})`;
  titles.add(title);
  const body = type === 'HE' ? pick(rng, theme.bodies.filter((b) => /Universit/.test(b)).concat(theme.bodies.slice(0, 1))) : pick(rng, theme.bodies);
  const hours = rng.nextFloat() < 0.1 ? null : Math.round((TYPICAL_HOURS[level] * (0.7 + 0.6 * rng.nextFloat())) / 10) * 10;
  return {
    id,
    title,
    key: false,
    type,
    awardingBody: body,
    level,
    learningHours: hours,
    unitCode: null,
    ssa: theme.ssa,
    notes: null,
    source: type === 'HE' ? body : 'National Database of Accredited Qualifications',
    sourceUrl: null,
    parts: [],
    prerequisites: [],
    areas: [],
    status: 'current',
    version: 1,
  };
}

/** The same qualification again from another awarding body: a near-duplicate to find. */
function twinOf(rng: Random, q: Qualification, id: string, theme: Theme): Qualification {
  const others = theme.bodies.filter((b) => b !== q.awardingBody);
  return { ...q, id, awardingBody: others.length > 0 ? pick(rng, others) : q.awardingBody, notes: `Offered by another awarding body; compare ${q.id}.`, parts: [], prerequisites: [], areas: [] };
}

function uniqueCode(rng: Random, q: Qualification, codes: Set<string>): string | null {
  if (q.type === 'HE' && rng.nextFloat() < 0.5) return null;
  for (;;) {
    const code =
      q.type === 'HE'
        ? `${String.fromCharCode(65 + rng.nextInt(26))}${100 + rng.nextInt(900)}`
        : `${pick(rng, ['100', '500', '501', '600'])}/${String(rng.nextInt(10000)).padStart(4, '0')}/${'0123456789X'[rng.nextInt(11)]}`;
    if (!codes.has(code)) {
      codes.add(code);
      return code;
    }
  }
}

interface PoolModule {
  m: Module;
  cluster: string;
}

/** Each cluster's pool of modules, about four per qualification, at the levels of its qualifications. */
function sampleModules(rng: Random, drafts: readonly Draft[]): { modules: Module[]; poolOf: Map<string, string> } {
  const modules: Module[] = [];
  const poolOf = new Map<string, string>();
  const codes = new Set<string>();
  for (const cluster of [...new Set(drafts.map((d) => d.cluster))]) {
    const theme = THEMES[cluster];
    const levels = drafts.filter((d) => d.cluster === cluster).map((d) => d.q.level ?? 3);
    const size = Math.max(6, Math.round(levels.length * 4));
    const unitNo = new Map<number, number>();
    for (let i = 0; i < size; i++) {
      const level = pick(rng, levels);
      const no = (unitNo.get(level) ?? 0) + 1;
      unitNo.set(level, no);
      const topic = theme.topics[(i + rng.nextInt(3)) % theme.topics.length];
      let code: string;
      do code = `${String.fromCharCode(65 + rng.nextInt(26))}/${500 + rng.nextInt(100)}/${String(rng.nextInt(10000)).padStart(4, '0')}`;
      while (codes.has(code));
      codes.add(code);
      modules.push({
        id: makeId('module', modules.length + 1),
        title: `Unit ${Math.max(level, 1)}${String(no).padStart(2, '0')}: ${topic}`,
        unitCode: code,
        level,
        learningHours: 10 * (2 + rng.nextInt(9)),
        notes: null,
        source: null,
        sourceUrl: null,
        areas: theme.areaChance.flatMap((p, a) => (rng.nextFloat() < p ? [makeId('area', a + 1)] : [])),
        status: 'current',
        version: 1,
      });
      poolOf.set(modules[modules.length - 1].id, cluster);
    }
  }
  return { modules, poolOf };
}

/** Three to nine modules per qualification from its cluster's pool, near its level; apprenticeships also hold an NVQ. */
function attachParts(rng: Random, drafts: readonly Draft[], modules: readonly Module[], poolOf: ReadonlyMap<string, string>): void {
  const byCluster = new Map<string, Module[]>();
  for (const m of modules) {
    const c = poolOf.get(m.id)!;
    if (!byCluster.has(c)) byCluster.set(c, []);
    byCluster.get(c)!.push(m);
  }
  for (const d of drafts) {
    if (d.twin) {
      const parts = d.twin.q.parts.map((p) => ({ ...p }));
      if (parts.length > 4) parts.pop();
      d.q.parts = parts;
      continue;
    }
    const pool = byCluster.get(d.cluster)!;
    const near = pool.filter((m) => Math.abs((m.level ?? 3) - (d.q.level ?? 3)) <= 1);
    const from = near.length >= 9 ? near : pool;
    const k = 3 + rng.nextInt(7);
    const chosen = rng.shuffle([...from]).slice(0, k);
    const mandatory = 2 + rng.nextInt(3);
    const parts: Part[] = chosen.map((m, i) => ({ id: m.id, mandatory: i < mandatory }));
    if (d.q.type === 'apprenticeship') {
      const nvq = drafts.find((o) => o.roleId === d.roleId && o.q.type === 'NVQ' && o.q.level === d.q.level);
      if (nvq) parts.push({ id: nvq.q.id, mandatory: true });
    }
    d.q.parts = parts;
  }
}

/** Prerequisites one level down in the same cluster (so routes of levels never loop), sometimes a module. */
function addPrerequisites(rng: Random, drafts: readonly Draft[], modules: readonly Module[], poolOf: ReadonlyMap<string, string>): void {
  for (const d of drafts) {
    const level = d.q.level ?? 0;
    if (level < 3 || d.q.type === 'short course' || rng.nextFloat() >= 0.5) continue;
    const below = drafts.filter((o) => o.cluster === d.cluster && o.q.level === level - 1);
    if (below.length === 0) continue;
    const sameRole = below.filter((o) => o.roleId === d.roleId);
    const pre = new Set([pick(rng, sameRole.length > 0 ? sameRole : below).q.id]);
    if (rng.nextFloat() < 0.15) pre.add(pick(rng, below).q.id);
    if (rng.nextFloat() < 0.05) {
      const lower = modules.filter((m) => poolOf.get(m.id) === d.cluster && (m.level ?? 0) < level);
      if (lower.length > 0) pre.add(pick(rng, lower).id);
    }
    d.q.prerequisites = [...pre];
  }
}

const LEVEL_BANDS: readonly { name: string; levels: readonly number[] }[] = [
  { name: 'Entry and Level 1', levels: [0, 1] },
  { name: 'Level 2', levels: [2] },
  { name: 'Level 3', levels: [3] },
  { name: 'Levels 4 and 5', levels: [4, 5] },
  { name: 'Level 6 and above', levels: [6, 7, 8] },
];

/** The second clustering: each role by the level its name states, else its qualifications' commonest level, else a guess. */
function clustersByLevel(roles: readonly Role[], qualifications: readonly Qualification[], after: number): Cluster[] {
  const levelOf = new Map(qualifications.map((q) => [q.id, q.level ?? 3]));
  const members = LEVEL_BANDS.map(() => [] as string[]);
  for (const role of roles) {
    const named = roleLevel(role.name);
    let level = named.level;
    if (!named.stated && role.qualifications.length > 0) {
      const tally = new Map<number, number>();
      for (const q of role.qualifications) tally.set(levelOf.get(q.id)!, (tally.get(levelOf.get(q.id)!) ?? 0) + 1);
      level = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    }
    members[LEVEL_BANDS.findIndex((b) => b.levels.includes(level))].push(role.id);
  }
  return LEVEL_BANDS.map((b, i) => ({ id: makeId('cluster', after + i + 1), clusteringId: 'G2', name: b.name, notes: null, roles: members[i], status: 'current', version: 1 }));
}

function sampleProviders(rng: Random, qualifications: readonly Qualification[]): Provider[] {
  const names = new Set<string>();
  const providers: Provider[] = [];
  while (providers.length < 30) {
    const name = `${pick(rng, PROVIDER_TOWNS)} ${pick(rng, PROVIDER_KINDS)}`;
    if (names.has(name)) continue;
    names.add(name);
    const offered = rng.shuffle(qualifications.filter((q) => q.type !== 'HE')).slice(0, 8 + rng.nextInt(23));
    providers.push({
      id: makeId('provider', providers.length + 1),
      name,
      url: `https://www.example.org/providers/${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      notes: null,
      courses: offered.map((q) => ({ qualificationId: q.id, hours: q.learningHours === null || rng.nextFloat() < 0.2 ? null : Math.round((q.learningHours * (0.8 + 0.4 * rng.nextFloat())) / 10) * 10 })),
      status: 'current',
      version: 1,
    });
  }
  return providers;
}
