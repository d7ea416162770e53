import createError from '@fastify/error';

/**
 * Errors an Open311 client can meet. The spec answers each as a list of {code, description}
 * with the HTTP status as the code (400 bad input, 403 bad api_key, 404 unknown thing).
 */
export const InvalidParameter = createError<[string]>('OPEN311_INVALID_PARAMETER', '%s', 400);
export const InvalidApiKey = createError('OPEN311_INVALID_API_KEY', 'api_key was not provided or is not valid', 403);
export const NotFound = createError<[string]>('OPEN311_NOT_FOUND', '%s', 404);
export const LocationRejected = createError<[string]>('OPEN311_LOCATION_REJECTED', '%s', 400);
