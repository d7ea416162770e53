import createError from '@fastify/error';

/** Errors a department's work-order system can meet on the update API. */
export const MissingKey = createError('DEPT_MISSING_KEY', 'send a department API key as "Authorization: Bearer <key>" or X-Api-Key', 401);
export const InvalidKey = createError('DEPT_INVALID_KEY', 'the department API key is not valid or was revoked', 401);
export const NotYourRequest = createError<[string]>('DEPT_NOT_YOUR_REQUEST', 'request %s belongs to another department', 403);
export const RequestNotFound = createError<[string]>('DEPT_REQUEST_NOT_FOUND', 'no service request %s', 404);
export const InvalidUpdate = createError<[string]>('DEPT_INVALID_UPDATE', '%s', 400);
export const RequestIsClosed = createError<[string]>('DEPT_REQUEST_CLOSED', 'request %s is closed: set status "reopened" first', 409);
