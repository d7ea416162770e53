import createError from '@fastify/error';

/** Every error an analyst or a supervisor can meet on the CityStat pages and exports. */
export const StatsErrors = {
  badDate: createError('STATS_BAD_DATE', '"%s" is not a date; use YYYY-MM-DD', 400),
  badPeriod: createError('STATS_BAD_PERIOD', 'The period must start on or before its end and span at most %s days', 400),
  badLine: createError('STATS_BAD_LINE', 'Unknown line "%s"; use main, out-of-area or both', 400),
  unknownFigure: createError('STATS_UNKNOWN_FIGURE', 'There is no figure "%s"', 404),
} as const;
