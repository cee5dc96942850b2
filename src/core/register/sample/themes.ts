/**
 * What the synthetic qualifications of each of seed 003's clusters are about:
 * subjects for titles, awarding bodies, the sector subject area, module topics
 * and how likely a module of the cluster is to cover each Common Core area.
 * Invented to look like the register the seed describes, not taken from it.
 */

export interface Theme {
  subjects: readonly string[];
  bodies: readonly string[];
  /** Sector subject area (tier 2). */
  ssa: string;
  topics: readonly string[];
  /**
   * Chance that one module covers each Common Core area, in the Common Core's
   * order: communication, development, safeguarding, transitions, multi-agency
   * working, sharing information. A 0 leaves the area a gap for the cluster.
   */
  areaChance: readonly [number, number, number, number, number, number];
}

const CARE_BODIES = ['CACHE', 'City & Guilds', 'Edexcel', 'NCFE', 'OCR', 'ABC Awards'];
const HE_BODIES = ['Sheffield Hallam University', 'Open University', 'University of Leeds', 'Manchester Metropolitan University', 'University of East Anglia'];

export const THEMES: Readonly<Record<string, Theme>> = {
  'Early Years': {
    subjects: ["Children's Care, Learning and Development", 'Early Years Care and Education', 'Childcare and Education', 'Early Childhood Studies', 'Pre-school Practice', 'Home-based Childcare', 'Early Years Practice'],
    bodies: CARE_BODIES,
    ssa: '1.5',
    topics: ['Promote children\'s development', 'Support children\'s play', 'Keep children safe', 'Plan and implement curriculum frameworks', 'Work with parents', 'Observe and assess children', 'Communicate with young children', 'Settling children in', 'Health, hygiene and nutrition', 'Inclusive practice', 'Lead practice in early years settings', 'Support the transition to school'],
    areaChance: [0.35, 0.45, 0.3, 0.2, 0.12, 0.15],
  },
  'Education & Training': {
    subjects: ['Teaching and Learning', 'Supporting Teaching and Learning in Schools', 'Special Educational Needs Coordination', 'Educational Leadership', 'Learning Support', 'Educational Psychology'],
    bodies: [...HE_BODIES, 'TDA', 'NCSL'],
    ssa: '13.1',
    topics: ['Plan and deliver lessons', 'Assess pupils\' progress', 'Manage behaviour for learning', 'Support pupils with special educational needs', 'Lead a school team', 'Work with other professionals', 'Safeguarding pupils', 'Transition between key stages', 'Literacy and numeracy support'],
    areaChance: [0.3, 0.35, 0.2, 0.25, 0.2, 0.15],
  },
  Health: {
    subjects: ['Nursing (Child Branch)', 'Specialist Community Public Health Nursing', 'Speech and Language Therapy', 'Occupational Therapy', 'Dental Nursing', 'Midwifery', 'Paediatrics', 'Health Promotion'],
    bodies: [...HE_BODIES, 'Royal College of Paediatrics', 'NEBDN', 'City & Guilds'],
    ssa: '1.1',
    topics: ['Clinical assessment of children', 'Child health surveillance', 'Record keeping and confidentiality', 'Safeguarding children in health settings', 'Family-centred care', 'Working in multidisciplinary teams', 'Communication with children and families', 'Public health and immunisation', 'Infection control'],
    areaChance: [0.3, 0.3, 0.25, 0.12, 0.25, 0.35],
  },
  'Health and Fitness': {
    subjects: ['Fitness Instructing', 'Exercise and Fitness', 'Health and Fitness'],
    bodies: ['Active IQ', 'YMCA Awards', 'City & Guilds'],
    ssa: '8.1',
    topics: ['Anatomy and physiology for exercise', 'Plan gym-based exercise', 'Health and safety in a fitness environment', 'Exercise for young people'],
    areaChance: [0.15, 0.1, 0.1, 0.02, 0.02, 0.02],
  },
  'Outdoor Education, Training and Recreation': {
    subjects: ['Outdoor Activity Leadership', 'Outdoor Education', 'Mountain Leadership'],
    bodies: ['Sports Leaders UK', 'Mountain Training', 'City & Guilds'],
    ssa: '8.1',
    topics: ['Lead outdoor activities', 'Risk assessment outdoors', 'Group management outdoors', 'Navigation and expedition skills', 'Working with young people outdoors'],
    areaChance: [0.25, 0.12, 0.2, 0, 0.05, 0.05],
  },
  'Play work': {
    subjects: ['Playwork', 'Hospital Play Specialism', 'Playwork Management', 'Playwork Development'],
    bodies: ['CACHE', 'City & Guilds', 'NCFE', 'Edexcel'],
    ssa: '1.5',
    topics: ['Support children\'s self-directed play', 'Create play spaces', 'Play in hospital settings', 'Health and safety in play', 'Manage a play setting', 'Working with families in play', 'Inclusive play', 'Play policy and advocacy'],
    areaChance: [0.35, 0.3, 0.2, 0.1, 0.08, 0.06],
  },
  Sport: {
    subjects: ['Coaching Sport', 'Sports Coaching', 'Sport and Leisure Management', 'Activity Leadership', 'Sports Development'],
    bodies: ['Sports Leaders UK', '1st4sport', 'Edexcel', 'OCR', 'University of Leeds'],
    ssa: '8.1',
    topics: ['Plan coaching sessions', 'Coaching children in sport', 'Safeguarding in sport', 'Sports first aid', 'Fitness and conditioning', 'Manage sports facilities', 'Talent development pathways'],
    areaChance: [0.3, 0.2, 0.2, 0.06, 0, 0.02],
  },
  'Social Care': {
    subjects: ['Health and Social Care (Children and Young People)', 'Social Work', 'Caring for Children and Young People', 'Leadership and Management for Care Services', 'Foster Care', 'Family Support', 'Residential Childcare'],
    bodies: ['City & Guilds', 'Edexcel', 'CACHE', 'OCR', ...HE_BODIES],
    ssa: '1.3',
    topics: ['Promote effective communication in care', 'Safeguard children and young people', 'Support young people leaving care', 'Care planning and review', 'Work with families', 'Multi-agency child protection', 'Recording and information sharing', 'Child and adolescent development', 'Manage a care service', 'Induction to social care'],
    areaChance: [0.3, 0.2, 0.35, 0.25, 0.25, 0.2],
  },
  'Voluntary Work': {
    subjects: ['Volunteer Management', 'Community Development Work', 'Youth Leadership (Guiding and Scouting)', 'Parent Support'],
    bodies: ['NCFE', 'OCN', 'City & Guilds'],
    ssa: '1.4',
    topics: ['Recruit and support volunteers', 'Work with communities', 'Lead youth groups', 'Support parents', 'Safe practice for volunteers'],
    areaChance: [0.3, 0.1, 0.15, 0.05, 0.08, 0.03],
  },
  'Youth Justice': {
    subjects: ['Youth Justice', 'Probation Studies', 'Policing', 'Custodial Care', 'Restorative Practice', 'Community Justice', 'Police Leadership'],
    bodies: ['Skills for Justice', 'Open University', 'City & Guilds', 'Edexcel', 'University of Portsmouth'],
    ssa: '1.4',
    topics: ['Assess risk of offending', 'Work with young offenders', 'Court procedures', 'Restorative justice conferencing', 'Police powers and procedures', 'Custody and care of young people', 'Partnership working in youth justice', 'Information sharing and data protection', 'Supervise community orders'],
    areaChance: [0.2, 0.03, 0.15, 0.1, 0.3, 0.25],
  },
  'Youth Work and Support': {
    subjects: ['Youth Work', 'Careers Guidance', 'Connexions Personal Adviser Practice', 'Learning Mentoring', 'Education Welfare'],
    bodies: ['NCFE', 'OCR', 'City & Guilds', 'University of Huddersfield', 'Open University'],
    ssa: '1.4',
    topics: ['Engage young people', 'Informal education with young people', 'Guidance interviews', 'Support young people through transitions', 'Work with other agencies', 'Group work with young people', 'Attendance and welfare', 'Sharing information about young people'],
    areaChance: [0.35, 0.15, 0.15, 0.3, 0.2, 0.15],
  },
};

export const COMMON_CORE_AREAS: readonly string[] = [
  'Effective communication and engagement with children, young people, their families and carers',
  'Child and young person development',
  'Safeguarding and promoting the welfare of the child',
  'Supporting transitions',
  'Multi-agency working',
  'Sharing information',
];

export const PROVIDER_TOWNS: readonly string[] = [
  'Sheffield', 'Gateshead', 'Greenwich', 'Trafford', 'Wokingham', 'Grimsby', 'Chichester', 'Leeds', 'Bradford', 'Norwich',
  'Bristol', 'Plymouth', 'Derby', 'Leicester', 'Coventry', 'Preston', 'Carlisle', 'Hull', 'Luton', 'Reading',
];
export const PROVIDER_KINDS: readonly string[] = ['College', 'Training Partnership', 'Learning Centre', 'Adult Education Service'];
