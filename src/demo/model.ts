/**
 * The planted structure of the demo extract: qualification/occupation
 * clusters modelled on the five published in seed 000 (NOMS CFO, Yorkshire &
 * Humberside, 2013: Process Operatives, Elementary Services, Construction &
 * Building, Transport, Admin & Sales) plus four more that programmes like it
 * see (Hospitality & Catering, Care, Security, Grounds & Horticulture).
 *
 * Titles are written the way case workers enter them, with their spelling
 * variants ('FLT', 'Fork Lift Truck', 'forklift licence'); every variant of a
 * qualification belongs to its cluster. Occupations carry 4-digit SOC 2020
 * unit group codes; their sub-major group (first two digits, the level the
 * analyses use) is the right one for the title, the last two digits are
 * illustrative and not checked against the unit group list.
 * Profiles (shares of people with each characteristic) for the first five
 * clusters follow seed 000's profile table; the others are plausible guesses.
 */

/** [title as entered, relative frequency] */
export type Variant = readonly [string, number];

export interface QualificationSpec {
  /** Variants as entered; the first is the usual spelling. */
  variants: readonly Variant[];
  /** SSA tier 2 code (its tier 1 parent is what the analyses use). */
  ssa: string;
  /** [level, relative frequency] */
  levels: readonly (readonly [number, number])[];
  /** Share of achievements through an apprenticeship (the rest classroom). */
  apprenticeship: number;
  /** Relative frequency within its cluster. */
  weight: number;
}

export interface OccupationSpec {
  variants: readonly Variant[];
  /** SOC 2020 unit group (4 digits). */
  soc: string;
  weight: number;
}

/** A rare title: held by one or two people; level and SSA given so rows stay complete. */
export interface RareQualification {
  title: string;
  ssa: string;
  level: number;
}

export const NEEDS = [
  'alcohol_need',
  'attitudes_need',
  'drugs_need',
  'education_need',
  'finance_need',
  'health_need',
  'housing_need',
  'relationships_need',
  'low_motivation',
] as const;
export type Need = (typeof NEEDS)[number];

export interface Profile {
  female: number;
  under21: number;
  over50: number;
  /** Black, Asian and minority ethnic, before the region's adjustment. */
  bame: number;
  custody: number;
  needs: Record<Need, number>;
}

export interface ClusterSpec {
  name: string;
  /** Share of people in this cluster before regional adjustment. */
  share: number;
  qualifications: readonly QualificationSpec[];
  occupations: readonly OccupationSpec[];
  rareQualifications: readonly RareQualification[];
  rareOccupations: readonly (readonly [string, string])[];
  profile: Profile;
  /** [training, full-time, part-time] */
  employment: readonly [number, number, number];
}

const L = (...pairs: [number, number][]) => pairs;
const needs = (
  alcohol: number,
  attitudes: number,
  drugs: number,
  education: number,
  finance: number,
  health: number,
  housing: number,
  relationships: number,
  motivation: number,
): Record<Need, number> => ({
  alcohol_need: alcohol,
  attitudes_need: attitudes,
  drugs_need: drugs,
  education_need: education,
  finance_need: finance,
  health_need: health,
  housing_need: housing,
  relationships_need: relationships,
  low_motivation: motivation,
});

export const CLUSTERS: readonly ClusterSpec[] = [
  {
    name: 'Process Operatives',
    share: 0.17,
    qualifications: [
      {
        variants: [['CSCS', 10], ['CSCS Card', 6], ['cscs card', 2], ['C.S.C.S', 1], ['CSCS Green Card', 2], ['CSCS Labourer Card', 2]],
        ssa: '5.2', levels: L([1, 6], [2, 1]), apprenticeship: 0.02, weight: 10,
      },
      {
        variants: [['Engineering', 4], ['Performing Engineering Operations', 3], ['PEO Level 2', 2], ['engineering operations', 1]],
        ssa: '4.1', levels: L([1, 2], [2, 5], [3, 1]), apprenticeship: 0.25, weight: 3,
      },
      {
        variants: [['Manual Handling', 5], ['manual handling', 2], ['Manual Handling Cert', 1]],
        ssa: '1.4', levels: L([1, 5], [2, 1]), apprenticeship: 0.0, weight: 2.5,
      },
      {
        variants: [['Food Manufacture', 3], ['Food Production NVQ', 2], ['Food Processing and Cooking', 1]],
        ssa: '4.2', levels: L([1, 2], [2, 3]), apprenticeship: 0.15, weight: 2,
      },
      {
        variants: [['Lean Manufacturing', 2], ['Business Improvement Techniques', 2], ['BIT NVQ', 1]],
        ssa: '4.2', levels: L([2, 4], [3, 1]), apprenticeship: 0.2, weight: 1.2,
      },
      {
        variants: [['Electrotechnical', 1], ['Electrical Installation', 1]],
        ssa: '4.1', levels: L([2, 2], [3, 1]), apprenticeship: 0.3, weight: 0.4,
      },
    ],
    occupations: [
      { variants: [['Process Operative', 6], ['process operative', 2], ['Production Operative', 4], ['Factory Worker', 3], ['Factory worker', 1]], soc: '8119', weight: 8 },
      { variants: [['Food Production Operative', 3], ['Food Processing Operative', 2], ['Packing operative', 2]], soc: '8111', weight: 3 },
      { variants: [['Labourer', 5], ['labourer', 2], ['General Labourer', 3], ['Construction Labourer', 2], ['Site Labourer', 1]], soc: '9129', weight: 6 },
      { variants: [['Assembly Operative', 3], ['Assembler', 2], ['Line Worker', 1]], soc: '8139', weight: 3 },
      { variants: [['Machine Operator', 3], ['CNC Operator', 1]], soc: '8139', weight: 2 },
      { variants: [['Groundworker', 2], ['Ground Worker', 1]], soc: '9121', weight: 1.5 },
    ],
    rareQualifications: [
      { title: 'BOSIET/MIST', ssa: '4.3', level: 1 },
      { title: 'Confined Spaces', ssa: '5.2', level: 2 },
      { title: 'IPAF Operator', ssa: '5.2', level: 1 },
      { title: 'HNC Mechanical Engineering', ssa: '4.1', level: 4 },
      { title: 'Abrasive Wheels', ssa: '4.2', level: 1 },
      { title: 'COSHH Awareness', ssa: '1.4', level: 1 },
      { title: 'Polymer Processing', ssa: '4.2', level: 2 },
      { title: 'Foundation Degree Engineering', ssa: '4.1', level: 5 },
      { title: 'Maths for Engineering', ssa: '2.2', level: 3 },
    ],
    rareOccupations: [
      ['Quality Inspector', '8133'],
      ['Bakery Operative', '8111'],
      ['Recycling Operative', '9225'],
      ['Engineering Technician', '3113'],
      ['Maintenance Engineer', '5223'],
      ['Design Engineer', '2129'],
    ],
    profile: { female: 0.04, under21: 0.14, over50: 0.06, bame: 0.03, custody: 0.06, needs: needs(0.38, 0.67, 0.34, 0.95, 0.46, 0.29, 0.44, 0.26, 0.19) },
    employment: [0.15, 0.7, 0.15],
  },
  {
    name: 'Elementary Services',
    share: 0.15,
    qualifications: [
      {
        variants: [
          ['FLT', 10], ['Fork Lift Truck', 6], ['forklift licence', 4], ['Forklift Licence', 3], ['Fork Lift Truck Licence', 3],
          ['FLT Counterbalance', 2], ['Counterbalance Forklift', 2], ['fork lift', 1], ['Reach Truck', 1],
        ],
        ssa: '7.2', levels: L([1, 4], [2, 3]), apprenticeship: 0.02, weight: 10,
      },
      {
        variants: [['Warehousing', 5], ['Warehousing & Storage', 4], ['Warehousing and Storage', 2], ['Warehouse & Storage NVQ', 2]],
        ssa: '7.2', levels: L([1, 3], [2, 4]), apprenticeship: 0.15, weight: 5,
      },
      {
        variants: [['Cleaning (BICSc)', 3], ['BICSc', 2], ['Cleaning Principles', 2], ['cleaning', 1]],
        ssa: '7.3', levels: L([1, 4], [2, 1]), apprenticeship: 0.05, weight: 3,
      },
      {
        variants: [['Slinger and Signaller Certificate', 2], ['Slinger/Signaller', 2], ['Slinger Signaller', 1]],
        ssa: '5.2', levels: L([1, 1], [2, 1]), apprenticeship: 0.0, weight: 1.5,
      },
      {
        variants: [['Pallet Truck', 2], ['Powered Pallet Truck', 1]],
        ssa: '7.2', levels: L([1, 1]), apprenticeship: 0.0, weight: 1,
      },
    ],
    occupations: [
      { variants: [['Warehouse Operative', 6], ['warehouse operative', 2], ['Warehouse Worker', 3], ['Picker Packer', 2], ['Picker/Packer', 2]], soc: '9252', weight: 7 },
      { variants: [['Forklift Driver', 5], ['FLT Driver', 3], ['Fork Lift Truck Driver', 3], ['forklift driver', 1]], soc: '8222', weight: 5 },
      { variants: [['Cleaner', 5], ['cleaner', 2], ['Contract Cleaner', 2], ['Office Cleaner', 1]], soc: '9223', weight: 4 },
      { variants: [['Housekeeper', 2], ['Housekeeping Assistant', 2], ['Room Attendant', 1]], soc: '6231', weight: 1.5 },
      { variants: [['Delivery Operative', 2], ['Parcel Sorter', 2]], soc: '9253', weight: 1.5 },
    ],
    rareQualifications: [
      { title: 'EASE Employability', ssa: '14.2', level: 1 },
      { title: 'Stock Control', ssa: '7.2', level: 2 },
      { title: 'Telehandler', ssa: '7.2', level: 2 },
      { title: 'Waste Management', ssa: '3.4', level: 2 },
      { title: 'Supply Chain Operations', ssa: '7.2', level: 3 },
      { title: 'Logistics Operations Management', ssa: '7.2', level: 4 },
    ],
    rareOccupations: [
      ['Street Cleaner', '9222'],
      ['Window Cleaner', '9221'],
      ['Car Valeter', '9226'],
      ['Laundry Assistant', '9224'],
      ['Refuse Collector', '9225'],
    ],
    profile: { female: 0.03, under21: 0.1, over50: 0.05, bame: 0.05, custody: 0.21, needs: needs(0.35, 0.95, 0.33, 0.76, 0.38, 0.19, 0.05, 0.43, 0.31) },
    employment: [0.1, 0.6, 0.3],
  },
  {
    name: 'Construction & Building',
    share: 0.12,
    qualifications: [
      {
        variants: [['Asbestos Awareness', 8], ['asbestos awareness', 2], ['Asbestos Awareness Cat A', 2], ['Asbestos', 1]],
        ssa: '5.2', levels: L([1, 5], [2, 1]), apprenticeship: 0.0, weight: 6,
      },
      {
        variants: [['Health & Safety', 5], ['Health and Safety', 4], ['H&S', 2], ['IOSH Working Safely', 2], ['Health & Safety in the Workplace', 1]],
        ssa: '1.4', levels: L([1, 3], [2, 3]), apprenticeship: 0.0, weight: 5,
      },
      {
        variants: [['Bricklaying', 4], ['NVQ Bricklaying', 2], ['Trowel Occupations', 2], ['brick laying', 1]],
        ssa: '5.2', levels: L([1, 2], [2, 4], [3, 1]), apprenticeship: 0.4, weight: 3,
      },
      {
        variants: [['Painting & Decorating', 4], ['Painting and Decorating', 3], ['Painting & Decorating NVQ', 1]],
        ssa: '5.2', levels: L([1, 2], [2, 3], [3, 1]), apprenticeship: 0.3, weight: 2.5,
      },
      {
        variants: [['Welding', 4], ['MIG Welding', 2], ['Fabrication & Welding', 2], ['welding', 1]],
        ssa: '4.1', levels: L([1, 1], [2, 3], [3, 1]), apprenticeship: 0.3, weight: 3,
      },
      {
        variants: [['Carpentry & Joinery', 3], ['Carpentry and Joinery', 2], ['Bench Joinery', 1]],
        ssa: '5.2', levels: L([1, 1], [2, 3], [3, 2]), apprenticeship: 0.45, weight: 2,
      },
      {
        variants: [['Plastering', 3], ['Dry Lining', 1]],
        ssa: '5.2', levels: L([1, 1], [2, 3]), apprenticeship: 0.3, weight: 1.5,
      },
      {
        variants: [['Scaffolding', 1], ['CISRS Scaffolding', 1]],
        ssa: '5.2', levels: L([2, 1]), apprenticeship: 0.2, weight: 0.6,
      },
    ],
    occupations: [
      { variants: [['Bricklayer', 4], ['bricklayer', 1], ['Brickie', 1]], soc: '5313', weight: 3 },
      { variants: [['Painter & Decorator', 4], ['Painter and Decorator', 2], ['Decorator', 1]], soc: '5323', weight: 3 },
      { variants: [['Welder', 4], ['Welder Fabricator', 2], ['MIG Welder', 1]], soc: '5213', weight: 3 },
      { variants: [['Joiner', 3], ['Carpenter', 3], ['Carpenter/Joiner', 1]], soc: '5316', weight: 2.5 },
      { variants: [['Plasterer', 3], ['Dry Liner', 1]], soc: '5321', weight: 2 },
      { variants: [['Builder', 2], ['Multi-trader', 1], ['Maintenance Operative', 2]], soc: '5319', weight: 2 },
      { variants: [['Upholsterer', 1], ['Sewing Machinist', 1]], soc: '5412', weight: 0.8 },
    ],
    rareQualifications: [
      { title: 'PASMA', ssa: '5.2', level: 1 },
      { title: 'Roofing', ssa: '5.2', level: 2 },
      { title: 'Wall and Floor Tiling', ssa: '5.2', level: 2 },
      { title: 'Plumbing', ssa: '5.2', level: 2 },
      { title: 'Gas Safe', ssa: '5.2', level: 3 },
      { title: 'HNC Construction', ssa: '5.2', level: 4 },
      { title: 'BSc Quantity Surveying', ssa: '5.1', level: 6 },
    ],
    rareOccupations: [
      ['Roofer', '5314'],
      ['Plumber', '5315'],
      ['Stonemason', '5312'],
      ['Glazier', '5317'],
      ['Tiler', '5322'],
      ['Steel Erector', '5311'],
    ],
    profile: { female: 0.02, under21: 0.03, over50: 0.17, bame: 0.12, custody: 0.07, needs: needs(0.29, 0.83, 0.17, 1.0, 0.66, 0.37, 0.29, 0.29, 0.15) },
    employment: [0.25, 0.6, 0.15],
  },
  {
    name: 'Transport',
    share: 0.1,
    qualifications: [
      {
        variants: [['Driver Training', 5], ['Driver CPC', 4], ['HGV Licence', 4], ['LGV C+E', 2], ['Cat C Licence', 2], ['Class 2 HGV', 2], ['hgv licence', 1]],
        ssa: '4.3', levels: L([2, 5], [3, 1]), apprenticeship: 0.05, weight: 10,
      },
      {
        variants: [['Plant Machinery', 2], ['CPCS', 2], ['CPCS 360 Excavator', 1], ['Dumper Truck', 1]],
        ssa: '5.2', levels: L([1, 1], [2, 2]), apprenticeship: 0.0, weight: 2.5,
      },
      {
        variants: [['Streetworks', 2], ['NRSWA Streetworks', 1]],
        ssa: '5.2', levels: L([2, 1]), apprenticeship: 0.0, weight: 1.5,
      },
      {
        variants: [['Taxi Licence', 2], ['Private Hire Licence', 2], ['PCV Licence', 1], ['D1 Minibus', 1]],
        ssa: '4.3', levels: L([2, 2], [3, 1]), apprenticeship: 0.0, weight: 2,
      },
      {
        variants: [['ADR', 1], ['ADR Dangerous Goods', 1]],
        ssa: '4.3', levels: L([2, 1], [3, 1]), apprenticeship: 0.0, weight: 1,
      },
    ],
    occupations: [
      { variants: [['HGV Driver', 6], ['LGV Driver', 3], ['Class 2 Driver', 2], ['hgv driver', 1]], soc: '8211', weight: 6 },
      { variants: [['Van Driver', 4], ['Delivery Driver', 4], ['Multi-drop Driver', 2], ['Courier', 2]], soc: '8212', weight: 5 },
      { variants: [['Taxi Driver', 3], ['Private Hire Driver', 2]], soc: '8214', weight: 2 },
      { variants: [['Bus Driver', 2], ['Coach Driver', 1]], soc: '8213', weight: 1.2 },
      { variants: [['Plant Operator', 2], ['Excavator Driver', 1], ['Dumper Driver', 1]], soc: '8229', weight: 1.5 },
    ],
    rareQualifications: [
      { title: 'Construction', ssa: '5.2', level: 1 },
      { title: 'Tachograph Awareness', ssa: '4.3', level: 1 },
      { title: 'Motor Vehicle Maintenance', ssa: '4.3', level: 2 },
      { title: 'Transport Manager CPC', ssa: '4.3', level: 3 },
      { title: 'Rail Track Safety (PTS)', ssa: '4.3', level: 1 },
    ],
    rareOccupations: [
      ['Chauffeur', '8214'],
      ['Rail Track Worker', '8149'],
      ['Crane Driver', '8221'],
      ['Driving Instructor', '8215'],
    ],
    profile: { female: 0.02, under21: 0.01, over50: 0.08, bame: 0.4, custody: 0.13, needs: needs(0.07, 0.87, 0.07, 1.0, 0.29, 0.58, 0.77, 0.55, 0.61) },
    employment: [0.05, 0.75, 0.2],
  },
  {
    name: 'Admin & Sales',
    share: 0.1,
    qualifications: [
      {
        variants: [['ECDL', 8], ['E.C.D.L.', 2], ['ECDL Extra', 2], ['European Computer Driving Licence', 2], ['ecdl', 1]],
        ssa: '6.2', levels: L([1, 3], [2, 5]), apprenticeship: 0.0, weight: 7,
      },
      {
        variants: [['Customer Service', 5], ['Customer Service NVQ', 3], ['Customer Services Level 2', 2]],
        ssa: '15.2', levels: L([1, 2], [2, 5], [3, 1]), apprenticeship: 0.35, weight: 5,
      },
      {
        variants: [['Business Administration', 4], ['Business Admin NVQ', 2], ['Business & Administration', 2]],
        ssa: '15.2', levels: L([1, 1], [2, 4], [3, 2]), apprenticeship: 0.45, weight: 4,
      },
      {
        variants: [['Retail Skills', 3], ['Retail', 2], ['Retail Knowledge', 1]],
        ssa: '7.1', levels: L([1, 3], [2, 3]), apprenticeship: 0.3, weight: 3,
      },
      {
        variants: [['Computerised Accounts', 2], ['Sage Accounts', 2], ['Book-keeping', 2], ['Bookkeeping', 1]],
        ssa: '15.1', levels: L([1, 1], [2, 3], [3, 1]), apprenticeship: 0.0, weight: 2,
      },
      {
        variants: [['Energy Sales', 1], ['Sales Skills', 1]],
        ssa: '15.4', levels: L([2, 1]), apprenticeship: 0.1, weight: 0.5,
      },
    ],
    occupations: [
      { variants: [['Administrator', 4], ['Admin Assistant', 3], ['Office Administrator', 2], ['Clerical Assistant', 2], ['admin', 1]], soc: '4159', weight: 5 },
      { variants: [['Sales Assistant', 5], ['Retail Assistant', 3], ['Shop Assistant', 2], ['sales assistant', 1]], soc: '7111', weight: 5 },
      { variants: [['Cashier', 2], ['Checkout Operator', 1]], soc: '7112', weight: 2 },
      { variants: [['Call Centre Agent', 3], ['Customer Service Advisor', 3], ['Call Centre Operator', 1]], soc: '7211', weight: 3 },
      { variants: [['Post Room Assistant', 1], ['Mail Sorter', 1]], soc: '9211', weight: 1 },
      { variants: [['Shelf Filler', 2], ['Shelf Stacker', 1]], soc: '9251', weight: 1.5 },
    ],
    rareQualifications: [
      { title: 'AAT Accounting', ssa: '15.1', level: 3 },
      { title: 'Touch Typing', ssa: '15.2', level: 1 },
      { title: 'Team Leading', ssa: '15.3', level: 2 },
      { title: 'CMI Management', ssa: '15.3', level: 5 },
      { title: 'BA (Hons) Business Studies', ssa: '15.3', level: 6 },
      { title: 'MBA', ssa: '15.3', level: 7 },
      { title: 'Marketing', ssa: '15.4', level: 3 },
      { title: 'Legal Secretaries', ssa: '15.5', level: 3 },
      { title: 'Graphic Design', ssa: '9.2', level: 3 },
      { title: 'Media Studies', ssa: '9.3', level: 3 },
      { title: 'Spanish for Beginners', ssa: '12.2', level: 1 },
    ],
    rareOccupations: [
      ['Receptionist', '4216'],
      ['Book-keeper', '4122'],
      ['Telesales', '7113'],
      ['Office Manager', '4161'],
      ['Data Entry Clerk', '4159'],
    ],
    profile: { female: 0.31, under21: 0.15, over50: 0.23, bame: 0.12, custody: 0.02, needs: needs(0.31, 0.85, 0.05, 0.96, 0.65, 0.23, 0.65, 0.23, 0.38) },
    employment: [0.15, 0.5, 0.35],
  },
  {
    name: 'Hospitality & Catering',
    share: 0.12,
    qualifications: [
      {
        variants: [
          ['Food Safety/Hygiene', 3], ['Food Hygiene', 6], ['Food Safety', 5], ['Basic Food Hygiene', 3], ['Food Safety Level 2', 3],
          ['food hygiene', 2], ['Food Safety in Catering', 2],
        ],
        ssa: '7.4', levels: L([1, 2], [2, 6]), apprenticeship: 0.02, weight: 10,
      },
      {
        variants: [['Professional Cookery', 3], ['NVQ Catering', 2], ['Catering', 2], ['Hospitality & Catering', 2]],
        ssa: '7.4', levels: L([1, 2], [2, 4], [3, 1]), apprenticeship: 0.3, weight: 4,
      },
      {
        variants: [['Personal Licence', 2], ['APLH', 1], ['Bar Skills', 1]],
        ssa: '7.4', levels: L([2, 1]), apprenticeship: 0.0, weight: 1.5,
      },
      {
        variants: [['Barista Skills', 1], ['Barista', 1]],
        ssa: '7.4', levels: L([1, 1], [2, 1]), apprenticeship: 0.0, weight: 1,
      },
    ],
    occupations: [
      { variants: [['Kitchen Porter', 5], ['KP', 2], ['kitchen porter', 1], ['Kitchen Assistant', 4], ['Catering Assistant', 3]], soc: '9263', weight: 7 },
      { variants: [['Chef', 3], ['Commis Chef', 2], ['Chef de Partie', 1]], soc: '5434', weight: 3 },
      { variants: [['Cook', 2], ['Breakfast Cook', 1]], soc: '5435', weight: 1.5 },
      { variants: [['Waiter', 2], ['Waitress', 2], ['Waiting Staff', 1]], soc: '9264', weight: 2 },
      { variants: [['Bar Staff', 2], ['Bartender', 1]], soc: '9265', weight: 1.5 },
    ],
    rareQualifications: [
      { title: 'Cake Decorating', ssa: '7.4', level: 1 },
      { title: 'Wine Service', ssa: '7.4', level: 2 },
      { title: 'Hospitality Supervision', ssa: '7.4', level: 3 },
      { title: 'HND Hospitality Management', ssa: '7.4', level: 5 },
      { title: 'Allergen Awareness', ssa: '7.4', level: 1 },
      { title: 'Travel and Tourism', ssa: '8.2', level: 2 },
    ],
    rareOccupations: [
      ['Sous Chef', '5434'],
      ['Butcher', '5431'],
      ['Baker', '5432'],
      ['Catering Manager', '1221'],
    ],
    profile: { female: 0.22, under21: 0.24, over50: 0.07, bame: 0.1, custody: 0.09, needs: needs(0.3, 0.8, 0.28, 0.9, 0.5, 0.25, 0.45, 0.35, 0.3) },
    employment: [0.15, 0.35, 0.5],
  },
  {
    name: 'Care',
    share: 0.08,
    qualifications: [
      {
        variants: [['Health & Social Care', 5], ['Health and Social Care', 3], ['H&SC NVQ', 2], ['Diploma in Health & Social Care', 2]],
        ssa: '1.3', levels: L([2, 5], [3, 3]), apprenticeship: 0.3, weight: 8,
      },
      {
        variants: [['Care Certificate', 3], ['Safeguarding', 2], ['Safeguarding Vulnerable Adults', 1]],
        ssa: '1.3', levels: L([1, 2], [2, 2]), apprenticeship: 0.05, weight: 4,
      },
      {
        variants: [['Mental Health Awareness', 2], ['Dementia Awareness', 2]],
        ssa: '1.3', levels: L([2, 2]), apprenticeship: 0.0, weight: 2,
      },
      {
        variants: [['Peer Mentoring', 2], ['Advice and Guidance', 1]],
        ssa: '1.4', levels: L([2, 2], [3, 1]), apprenticeship: 0.0, weight: 1.5,
      },
    ],
    occupations: [
      { variants: [['Care Assistant', 5], ['Carer', 3], ['Care Worker', 3], ['Home Carer', 1]], soc: '6135', weight: 6 },
      { variants: [['Support Worker', 4], ['Support worker', 1], ['Project Worker', 1]], soc: '6135', weight: 3 },
      { variants: [['Healthcare Assistant', 2], ['HCA', 1]], soc: '6131', weight: 1.5 },
      { variants: [['Peer Mentor', 1], ['Youth Worker', 1]], soc: '3221', weight: 0.8 },
    ],
    rareQualifications: [
      { title: 'Counselling Skills', ssa: '1.3', level: 3 },
      { title: 'Childcare', ssa: '1.5', level: 2 },
      { title: 'Certificate in Education and Training', ssa: '13.1', level: 4 },
      { title: 'Social Work Degree', ssa: '1.3', level: 6 },
      { title: 'MSc Criminology', ssa: '11.2', level: 7 },
      { title: 'PhD Social Policy', ssa: '11.2', level: 8 },
      { title: 'Sports Leadership', ssa: '8.1', level: 2 },
      { title: 'Award in Education and Training', ssa: '13.1', level: 3 },
      { title: 'Religious Studies', ssa: '10.4', level: 2 },
    ],
    rareOccupations: [
      ['Nursery Assistant', '6121'],
      ['Teaching Assistant', '6112'],
      ['Housing Officer', '3234'],
      ['Counsellor', '3224'],
      ['Social Worker', '2461'],
    ],
    profile: { female: 0.45, under21: 0.08, over50: 0.2, bame: 0.15, custody: 0.05, needs: needs(0.25, 0.7, 0.15, 0.8, 0.45, 0.3, 0.4, 0.35, 0.2) },
    employment: [0.1, 0.45, 0.45],
  },
  {
    name: 'Security',
    share: 0.08,
    qualifications: [
      {
        variants: [['SIA Door Supervisor', 5], ['Door Supervision', 3], ['SIA Licence', 4], ['SIA', 2], ['Door Supervisor Licence', 2], ['sia door supervisor', 1]],
        ssa: '1.4', levels: L([2, 6]), apprenticeship: 0.0, weight: 8,
      },
      {
        variants: [['Security Guarding', 3], ['SIA Security Guarding', 2]],
        ssa: '1.4', levels: L([2, 3]), apprenticeship: 0.0, weight: 3,
      },
      {
        variants: [['CCTV', 2], ['CCTV Operations', 1], ['Public Space Surveillance', 1]],
        ssa: '1.4', levels: L([2, 2]), apprenticeship: 0.0, weight: 2,
      },
      {
        variants: [['Conflict Management', 2], ['Conflict Resolution', 1]],
        ssa: '1.4', levels: L([1, 1], [2, 2]), apprenticeship: 0.0, weight: 1.5,
      },
    ],
    occupations: [
      { variants: [['Security Officer', 4], ['Security Guard', 3], ['security', 1]], soc: '9231', weight: 5 },
      { variants: [['Door Supervisor', 3], ['Doorman', 1], ['Bouncer', 1]], soc: '9231', weight: 3 },
      { variants: [['Steward', 2], ['Event Steward', 2]], soc: '9239', weight: 2 },
      { variants: [['CCTV Operator', 1], ['Control Room Operator', 1]], soc: '9231', weight: 1 },
    ],
    rareQualifications: [
      { title: 'Close Protection', ssa: '1.4', level: 3 },
      { title: 'Physical Intervention', ssa: '1.4', level: 2 },
      { title: 'Fire Marshal', ssa: '1.4', level: 1 },
      { title: 'Security Management', ssa: '1.4', level: 4 },
    ],
    rareOccupations: [
      ['Close Protection Officer', '9231'],
      ['Car Park Attendant', '9239'],
      ['Caretaker', '6232'],
    ],
    profile: { female: 0.06, under21: 0.05, over50: 0.1, bame: 0.35, custody: 0.15, needs: needs(0.2, 0.75, 0.2, 0.85, 0.5, 0.2, 0.5, 0.4, 0.3) },
    employment: [0.05, 0.55, 0.4],
  },
  {
    name: 'Grounds & Horticulture',
    share: 0.07,
    qualifications: [
      {
        variants: [['Horticulture', 4], ['NVQ Horticulture', 2], ['Amenity Horticulture', 1], ['horticulture', 1]],
        ssa: '3.2', levels: L([1, 3], [2, 3]), apprenticeship: 0.2, weight: 5,
      },
      {
        variants: [['Chainsaw', 3], ['Chainsaw Maintenance & Cross-cutting', 2], ['CS30/31', 1]],
        ssa: '3.2', levels: L([2, 2]), apprenticeship: 0.0, weight: 3,
      },
      {
        variants: [['Strimmer/Brushcutter', 2], ['Brushcutter', 1], ['Ride-on Mower', 1]],
        ssa: '3.2', levels: L([1, 1], [2, 1]), apprenticeship: 0.0, weight: 2,
      },
      {
        variants: [['PA1/PA6', 2], ['Pesticides PA1', 1]],
        ssa: '3.1', levels: L([2, 1], [3, 1]), apprenticeship: 0.0, weight: 1.5,
      },
      {
        variants: [['Conservation', 2], ['Environmental Conservation', 1], ['Dry Stone Walling', 1]],
        ssa: '3.4', levels: L([1, 1], [2, 2]), apprenticeship: 0.1, weight: 1.5,
      },
    ],
    occupations: [
      { variants: [['Gardener', 4], ['Landscape Gardener', 3], ['Landscaper', 2]], soc: '5113', weight: 5 },
      { variants: [['Grounds Maintenance', 3], ['Groundsman', 2], ['Grounds Maintenance Operative', 1]], soc: '5114', weight: 3 },
      { variants: [['Farm Worker', 2], ['Farm Labourer', 1]], soc: '9111', weight: 1.5 },
      { variants: [['Conservation Worker', 1], ['Conservation and Environment', 1]], soc: '9119', weight: 1 },
    ],
    rareQualifications: [
      { title: 'Tree Surgery', ssa: '3.2', level: 3 },
      { title: 'Animal Care', ssa: '3.3', level: 2 },
      { title: 'Tractor Driving', ssa: '3.1', level: 2 },
      { title: 'Forestry', ssa: '3.2', level: 2 },
      { title: 'Dog Grooming', ssa: '3.3', level: 2 },
    ],
    rareOccupations: [
      ['Tree Surgeon', '5112'],
      ['Kennel Assistant', '6129'],
      ['Nursery Worker (plants)', '9119'],
    ],
    profile: { female: 0.04, under21: 0.12, over50: 0.15, bame: 0.02, custody: 0.1, needs: needs(0.35, 0.7, 0.3, 0.9, 0.4, 0.3, 0.35, 0.3, 0.25) },
    employment: [0.2, 0.5, 0.3],
  },
];

/**
 * Qualifications people hold whatever work they go into (basic skills,
 * employability, first aid): realistic noise that belongs to no cluster.
 */
export const GENERIC_QUALIFICATIONS: readonly QualificationSpec[] = [
  {
    variants: [['Adult Literacy/Numeracy', 4], ['Adult Literacy', 3], ['Adult Numeracy', 3], ['Literacy L1', 2], ['Numeracy Entry 3', 1], ['Functional Skills English', 2], ['Functional Skills Maths', 2]],
    ssa: '14.1', levels: L([1, 6], [2, 2]), apprenticeship: 0.0, weight: 6,
  },
  {
    variants: [['First Aid', 4], ['Emergency First Aid at Work', 3], ['EFAW', 1], ['First Aid at Work', 2]],
    ssa: '1.3', levels: L([1, 2], [2, 1], [3, 2]), apprenticeship: 0.0, weight: 4,
  },
  {
    variants: [['IT', 3], ['Basic IT', 2], ['ICT Skills', 1], ['Computer Skills', 1]],
    ssa: '6.2', levels: L([1, 3]), apprenticeship: 0.0, weight: 3,
  },
  {
    variants: [['Employability Skills', 3], ['Employability', 2], ['Preparing for Work', 1], ['CV Writing', 1]],
    ssa: '14.2', levels: L([1, 3]), apprenticeship: 0.0, weight: 3,
  },
  {
    variants: [['GCSE Maths', 3], ['GCSE Mathematics', 1]],
    ssa: '2.2', levels: L([1, 1], [2, 3]), apprenticeship: 0.0, weight: 0.8,
  },
  {
    variants: [['GCSE English', 3], ['GCSE English Language', 1]],
    ssa: '12.1', levels: L([1, 1], [2, 3]), apprenticeship: 0.0, weight: 0.8,
  },
  {
    variants: [['ESOL', 3], ['ESOL Entry 3', 1]],
    ssa: '14.1', levels: L([1, 1]), apprenticeship: 0.0, weight: 0.8,
  },
];

export type RegionCode = 'NE' | 'NW' | 'YH' | 'EM' | 'WM' | 'EE' | 'LN' | 'SE' | 'SW';

export interface RegionSpec {
  code: RegionCode;
  /** Names the region is entered under in case systems (the CFO contract areas first). */
  entered: readonly Variant[];
  /** Share of the people. */
  size: number;
  /** Cluster name -> multiplier of its national share. */
  mix: Readonly<Record<string, number>>;
  /** Multiplier of the clusters' BAME shares (London's population differs from the North East's). */
  bame: number;
}

/** The 9 English regions: London biggest, the North East smallest, with local labour markets. */
export const REGIONS: readonly RegionSpec[] = [
  { code: 'LN', entered: [['London', 9], ['Greater London', 1]], size: 0.2, bame: 3.0,
    mix: { Security: 2.2, 'Hospitality & Catering': 1.5, Transport: 1.4, 'Process Operatives': 0.4, 'Grounds & Horticulture': 0.3, 'Construction & Building': 1.1 } },
  { code: 'NW', entered: [['North West (inc. Merseyside)', 9], ['North West', 1]], size: 0.14, bame: 1.0,
    mix: { 'Elementary Services': 1.3, 'Process Operatives': 1.2 } },
  { code: 'SE', entered: [['South East', 9], ['south east', 1]], size: 0.12, bame: 0.8,
    mix: { Care: 1.5, Transport: 1.2, 'Grounds & Horticulture': 1.2, 'Process Operatives': 0.7 } },
  { code: 'WM', entered: [['West Midlands', 10]], size: 0.11, bame: 1.7,
    mix: { 'Process Operatives': 1.4, 'Elementary Services': 1.5, 'Grounds & Horticulture': 0.6 } },
  { code: 'YH', entered: [['Yorkshire & Humberside (inc. S.Yorks)', 9], ['Yorkshire and The Humber', 1]], size: 0.11, bame: 0.8,
    mix: { 'Process Operatives': 1.6, 'Elementary Services': 1.1, Security: 0.6 } },
  { code: 'EM', entered: [['East Midlands', 10]], size: 0.09, bame: 1.0,
    mix: { 'Elementary Services': 1.7, 'Process Operatives': 1.3, Security: 0.7 } },
  { code: 'EE', entered: [['East of England', 9], ['Eastern', 1]], size: 0.09, bame: 0.7,
    mix: { 'Grounds & Horticulture': 1.6, 'Elementary Services': 1.3, 'Process Operatives': 1.2, Security: 0.6 } },
  { code: 'SW', entered: [['South West (inc. Cornwall)', 9], ['South West', 1]], size: 0.08, bame: 0.35,
    mix: { 'Hospitality & Catering': 1.7, 'Grounds & Horticulture': 1.8, Care: 1.2, Security: 0.5, Transport: 0.8 } },
  { code: 'NE', entered: [['North East', 10]], size: 0.06, bame: 0.35,
    mix: { 'Process Operatives': 1.6, 'Construction & Building': 1.4, Security: 0.5, 'Admin & Sales': 1.2 } },
];

export const AGE_BANDS = ['18-20', '21-24', '25-34', '35-49', '50+'] as const;
export const ETHNICITY_GROUPS = ['Asian', 'Black', 'Mixed', 'Other'] as const;
