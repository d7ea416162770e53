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
    /** For intersections: the normalised `streets.search` of every street that meets there. */
    streets: text('streets').array().notNull().default([]),
    /** Park outline id, bounding box, alternative names, city for transit… */
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('places_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    index('places_kind_idx').on(t.kind),
    index('places_streets_idx').using('gin', t.streets),
  ],
);

/** Every name a place answers to (its own and its alternatives), one row each, for pg_trgm. */
export const placeNames = pgTable(
  'place_names',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    search: text('search').notNull(),
  },
  (t) => [
    index('place_names_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    index('place_names_place_idx').on(t.placeId),
    index('place_names_search_idx').on(t.search),
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
    /** Whole name, normalised: "n charles st". */
    search: text('search').notNull(),
    /** The name alone, without direction or type: "charles". */
    core: text('core').notNull().default(''),
    /** Name and type as said aloud, without direction: "charles street". */
    plain: text('plain').notNull().default(''),
    /** Centerline kinds joined by "|": "Paved Road", "Alley"… */
    kinds: text('kinds').notNull().default(''),
    segments: integer('segments').notNull(),
    minAddress: integer('min_address'),
    maxAddress: integer('max_address'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [
    index('streets_search_trgm_idx').using('gin', t.search.op('gin_trgm_ops')),
    index('streets_core_trgm_idx').using('gin', t.core.op('gin_trgm_ops')),
    index('streets_plain_trgm_idx').using('gin', t.plain.op('gin_trgm_ops')),
    index('streets_name_idx').on(t.name),
    index('streets_core_idx').on(t.core),
  ],
);

/**
 * Known points of real addresses (historic properties, landmarks, rec centres, parks), used to
 * place a house number along its street better than the street's median point.
 */
export const addressPoints = pgTable(
  'address_points',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    street: text('street').notNull(),
    houseNumber: integer('house_number').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [index('address_points_street_idx').on(t.street, t.houseNumber)],
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
