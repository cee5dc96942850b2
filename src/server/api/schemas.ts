/**
 * JSON schemas of every input and output of the API: Fastify validates
 * requests with them (a request that does not match gets a 400 problem
 * document naming the field) and serialises responses through them (a field
 * not in the schema never leaves), and @fastify/swagger turns them into the
 * OpenAPI 3.1 document. Inputs are narrow on purpose: ids and codes are
 * plain tokens, free text has no quotes, semicolons, comment marks or `..`,
 * so SQL-like and path-traversal input is refused before any handler runs.
 */

/** Letters, digits, spaces and & ' ( ) , . / + : - ; no `--`, `/*` or `..`. */
const SAFE_TEXT = "^(?!.*(--|/\\*|\\.\\.))[\\p{L}\\p{N} &'(),./+:_-]+$";

export const datasetId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$', description: 'dataset id, as listed by GET /api/v1/datasets' } as const;
export const dimensionId = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,62}$' } as const;
export const categoryCode = { type: 'string', minLength: 1, maxLength: 100, pattern: SAFE_TEXT } as const;
export const searchText = { type: 'string', minLength: 1, maxLength: 100, pattern: SAFE_TEXT, description: 'text a title contains (case-insensitive)' } as const;
export const qualificationId = { type: 'string', pattern: '^[0-9a-f]{12}$', description: 'qualification id (from GET /api/v1/qualifications?search=)' } as const;
export const socCode = { type: 'string', pattern: '^[0-9]{1,2}$', description: 'SOC major (1 digit) or sub-major (2 digits) group code' } as const;
export const regionCode = { type: 'string', pattern: '^[A-Za-z0-9]{1,12}$', description: 'region code (see the region dimension of GET /api/v1/datasets/{id}); absent: all regions' } as const;
export const tableId = { type: 'string', pattern: '^(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$', description: 'table id (GET datasets/{id}/tables); add .csv for CSV' } as const;
export const permalinkId = { type: 'string', pattern: '^[0-9a-f]{16}(\\.csv)?$' } as const;

const symbol = { type: 'string', enum: ['[u]', '[z]'] } as const;
const nullableShare = { type: ['number', 'null'], minimum: 0 } as const;

export const problem = {
  type: 'object',
  description: 'RFC 9457 problem document (application/problem+json)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    refusals: {
      type: 'array',
      items: { type: 'object', required: ['rule', 'reason', 'fix'], properties: { rule: { type: 'string' }, reason: { type: 'string' }, fix: { type: 'string' }, field: { type: 'string' } } },
    },
  },
} as const;

const category = { type: 'object', required: ['code', 'label'], additionalProperties: false, properties: { code: { type: 'string' }, label: { type: 'string' } } } as const;

export const dimension = {
  type: 'object',
  required: ['id', 'label', 'about', 'categories'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    label: { type: 'string' },
    about: { type: 'string', enum: ['qualification', 'occupation', 'person'] },
    classification: { type: 'string' },
    categories: { type: 'array', items: category },
  },
} as const;

const summaryProps = {
  id: { type: 'string' },
  title: { type: 'string' },
  version: { type: 'string', description: 'import time of the dataset: changes when it is imported again' },
  people: { type: 'integer', minimum: 0, description: 'people linked (perturbed)' },
} as const;

export const datasetList = {
  type: 'object',
  required: ['datasets'],
  additionalProperties: false,
  properties: { datasets: { type: 'array', items: { type: 'object', required: ['id', 'title', 'version', 'people'], additionalProperties: false, properties: summaryProps } } },
} as const;

export const datasetInfo = {
  type: 'object',
  required: ['id', 'title', 'version', 'people', 'labels', 'dimensions', 'methodNotes'],
  additionalProperties: false,
  properties: {
    ...summaryProps,
    labels: {
      type: 'object',
      description: 'the five standard labels',
      required: ['source', 'regularity', 'date', 'classification', 'spatialAvailability'],
      additionalProperties: false,
      properties: { source: { type: 'string' }, regularity: { type: 'string' }, date: { type: 'string' }, classification: { type: 'array', items: { type: 'string' } }, spatialAvailability: { type: 'string' } },
    },
    dimensions: { type: 'array', items: dimension },
    methodNotes: { type: 'array', items: { type: 'string' } },
  },
} as const;

const qualificationHit = {
  type: 'object',
  required: ['id', 'title', 'people'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, title: { type: 'string' }, people: { type: 'integer', minimum: 0 } },
} as const;

export const qualificationList = { type: 'object', required: ['dataset', 'qualifications'], additionalProperties: false, properties: { dataset: { type: 'string' }, qualifications: { type: 'array', items: qualificationHit } } } as const;

export const occupationList = {
  type: 'object',
  required: ['dataset', 'occupations'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    occupations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['soc', 'title', 'level', 'people'],
        additionalProperties: false,
        properties: {
          soc: { type: 'string' },
          title: { type: 'string' },
          level: { type: 'string', enum: ['major', 'submajor'] },
          people: { type: 'integer', minimum: 0 },
          matchedTitles: { type: 'array', items: { type: 'string' }, description: 'occupation titles as recorded that matched the search and are mostly coded to this group' },
        },
      },
    },
  },
} as const;

export const destinations = {
  type: 'object',
  required: ['dataset', 'qualification', 'region', 'people', 'occupations', 'relatedShare', 'cluster'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    qualification: {
      type: 'object',
      required: ['id', 'title', 'people', 'ssa', 'ssaTitle'],
      additionalProperties: false,
      properties: { ...qualificationHit.properties, ssa: { type: ['string', 'null'] }, ssaTitle: { type: ['string', 'null'] } },
    },
    region: { type: ['string', 'null'] },
    people: { type: 'integer', minimum: 0 },
    occupations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['soc', 'title', 'people', 'share', 'related'],
        additionalProperties: false,
        properties: { soc: { type: 'string' }, title: { type: 'string' }, people: { type: 'integer', minimum: 0 }, share: nullableShare, symbol, related: { type: ['boolean', 'null'] } },
      },
    },
    relatedShare: nullableShare,
    relatedSymbol: symbol,
    cluster: {
      type: ['object', 'null'],
      required: ['id', 'name', 'members'],
      additionalProperties: false,
      properties: { id: { type: 'string' }, name: { type: 'string' }, members: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;

export const routes = {
  type: 'object',
  required: ['dataset', 'occupation', 'region', 'people', 'qualifications'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    occupation: { type: 'object', required: ['soc', 'title', 'level'], additionalProperties: false, properties: { soc: { type: 'string' }, title: { type: 'string' }, level: { type: 'string', enum: ['major', 'submajor'] } } },
    region: { type: ['string', 'null'] },
    people: { type: 'integer', minimum: 0 },
    qualifications: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'people', 'share'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, title: { type: 'string' }, people: { type: 'integer', minimum: 0 }, share: nullableShare, symbol },
      },
    },
  },
} as const;

const answerCell = {
  type: 'object',
  required: ['keys', 'people'],
  additionalProperties: false,
  properties: {
    keys: { type: 'array', items: { type: 'string' } },
    people: { type: 'integer', minimum: 0, description: 'perturbed count of people' },
    row_share: nullableShare,
    column_share: nullableShare,
    symbols: { type: 'object', additionalProperties: false, properties: { row_share: symbol, column_share: symbol } },
  },
} as const;

export const querySpec = {
  type: 'object',
  required: ['rows'],
  additionalProperties: false,
  properties: {
    rows: { type: 'array', items: dimensionId, minItems: 1, maxItems: 4 },
    columns: { type: 'array', items: dimensionId, maxItems: 4 },
    filters: { type: 'object', propertyNames: dimensionId, maxProperties: 20, additionalProperties: { type: 'array', items: categoryCode, minItems: 1, maxItems: 500 } },
    measures: { type: 'array', items: { type: 'string', enum: ['people', 'row_share', 'column_share'] }, maxItems: 3 },
  },
} as const;

export const queryAnswer = {
  type: 'object',
  required: ['dataset', 'version', 'query', 'dimensions', 'cells', 'rowTotals', 'columnTotals', 'total', 'method'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    version: { type: 'string' },
    query: {
      type: 'object',
      required: ['rows', 'columns', 'filters', 'measures'],
      additionalProperties: false,
      properties: {
        rows: { type: 'array', items: { type: 'string' } },
        columns: { type: 'array', items: { type: 'string' } },
        filters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        measures: { type: 'array', items: { type: 'string' } },
      },
    },
    dimensions: { type: 'array', items: dimension },
    cells: { type: 'array', items: answerCell },
    rowTotals: { type: 'array', items: answerCell },
    columnTotals: { type: 'array', items: answerCell },
    total: { type: 'integer', minimum: 0 },
    method: { type: 'string' },
  },
} as const;

export const permalink = {
  type: 'object',
  required: ['id', 'url', 'dataset', 'version', 'createdAt', 'answer'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, url: { type: 'string' }, dataset: { type: 'string' }, version: { type: 'string' }, createdAt: { type: 'string' }, answer: queryAnswer },
} as const;

export const permalinkRequest = {
  type: 'object',
  required: ['dataset', 'query'],
  additionalProperties: false,
  properties: { dataset: datasetId, query: querySpec },
} as const;

const publishedCell = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['text', 'count', 'share', 'stat', 'symbol', 'empty'] },
    text: { type: 'string' },
    value: { type: 'number' },
    low: { type: 'number' },
    high: { type: 'number' },
    base: { type: 'number' },
    flag: { type: 'string' },
    decimals: { type: 'integer' },
    unit: { type: 'string' },
    symbol: { type: 'string' },
    reason: { type: 'string' },
  },
} as const;

export const tableList = {
  type: 'object',
  required: ['dataset', 'tables'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'section', 'region'],
        additionalProperties: false,
        properties: { id: { type: 'string' }, title: { type: 'string' }, analysis: { type: 'string' }, section: { type: 'string' }, region: { type: ['string', 'null'] } },
      },
    },
  },
} as const;

export const publishedTable = {
  type: 'object',
  required: ['id', 'title', 'section', 'columns', 'rows'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    analysis: { type: 'string' },
    title: { type: 'string' },
    caption: { type: 'string' },
    section: { type: 'string' },
    columns: { type: 'array', items: { type: 'object', required: ['id', 'label'], additionalProperties: false, properties: { id: { type: 'string' }, label: { type: 'string' } } } },
    rows: {
      type: 'array',
      items: { type: 'object', required: ['id', 'cells'], additionalProperties: false, properties: { id: { type: 'string' }, total: { type: 'boolean' }, cells: { type: 'array', items: publishedCell } } },
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;

const moveFlow = {
  type: 'object',
  required: ['soc', 'title', 'people', 'share'],
  additionalProperties: false,
  properties: { soc: { type: 'string' }, title: { type: 'string' }, people: { type: 'integer', minimum: 0 }, share: nullableShare, symbol },
} as const;

export const occupationMoves = {
  type: 'object',
  required: ['dataset', 'occupation', 'region', 'people', 'movedIn', 'movedOut', 'cameFrom', 'wentTo'],
  additionalProperties: false,
  properties: {
    dataset: { type: 'string' },
    occupation: { type: 'object', required: ['soc', 'title'], additionalProperties: false, properties: { soc: { type: 'string' }, title: { type: 'string' } } },
    region: { type: ['string', 'null'] },
    people: { type: 'integer', minimum: 0, description: 'perturbed count of people with a spell in the group' },
    movedIn: { type: 'integer', minimum: 0 },
    movedOut: { type: 'integer', minimum: 0 },
    cameFrom: { type: 'array', items: moveFlow, description: 'groups people moved from, straight into this one; shares of movedIn' },
    wentTo: { type: 'array', items: moveFlow, description: 'groups people moved to, straight from this one; shares of movedOut' },
  },
} as const;

export const progressionTables = {
  type: 'object',
  required: ['dataset', 'tables'],
  additionalProperties: false,
  properties: { dataset: { type: 'string' }, tables: { type: 'array', items: publishedTable } },
} as const;
