import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Named places a caller can give as a location: parks, landmarks, historic properties,
 * recreation centres, transit stations, neighbourhoods and intersections. `search` is the
 * normalised name that pg_trgm matches against.
 */
export const places = pgTable(
  'places',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    search: text('search').notNull(),
    address: text('address'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** Park outline id, bounding box, alternative names… */
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('places_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    index('places_kind_idx').on(t.kind),
  ],
);

/** Street names from the city's centerline file with their address ranges. */
export const streets = pgTable(
  'streets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fullName: text('full_name').notNull(),
    dirPre: text('dir_pre').notNull().default(''),
    name: text('name').notNull(),
    type: text('type').notNull().default(''),
    dirSuf: text('dir_suf').notNull().default(''),
    search: text('search').notNull(),
    segments: integer('segments').notNull(),
    minAddress: integer('min_address'),
    maxAddress: integer('max_address'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [
    index('streets_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    index('streets_name_idx').on(t.name),
  ],
);

/** Polygons used for point-in-polygon: neighbourhoods, council and police districts, parks. */
export const areas = pgTable(
  'areas',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    geometry: jsonb('geometry').$type<unknown>().notNull(),
  },
  (t) => [index('areas_kind_idx').on(t.kind)],
);
