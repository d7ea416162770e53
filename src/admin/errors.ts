import createError from '@fastify/error';

/** Every error a supervisor or a console API client can meet, with a code and a clear message. */
export const AdminErrors = {
  notSignedIn: createError('ADMIN_NOT_SIGNED_IN', 'Sign in to use the supervisor console', 401),
  forbidden: createError('ADMIN_FORBIDDEN', 'Your role (%s) cannot do this; a supervisor can', 403),
  badCsrf: createError('ADMIN_BAD_CSRF', 'The form is out of date or was not sent by this console; reload the page and try again', 403),
  badSignIn: createError('ADMIN_BAD_SIGN_IN', 'Wrong username or password', 401),
  throttled: createError('ADMIN_SIGN_IN_THROTTLED', 'Too many failed sign-ins; wait %s minutes and try again', 429),
  draftConflict: createError('ADMIN_DRAFT_CONFLICT', 'Someone else saved this draft since you opened it; reload to see their changes', 409),
  draftShape: createError('ADMIN_DRAFT_SHAPE', 'The draft is not a flow document: %s', 400),
  draftInvalid: createError('ADMIN_DRAFT_INVALID', 'The draft has %s problem(s); fix them before publishing', 422),
  noDraftChanges: createError('ADMIN_NO_DRAFT_CHANGES', 'The draft is the same as the live menu; there is nothing to publish', 409),
  revisionNotFound: createError('ADMIN_REVISION_NOT_FOUND', 'There is no revision %s', 404),
  serviceNotFound: createError('ADMIN_SERVICE_NOT_FOUND', 'There is no service %s', 404),
  badRequest: createError('ADMIN_BAD_REQUEST', '%s', 400),
  tryFailed: createError('ADMIN_TRY_FAILED', 'The flow failed while trying it: %s', 422),
  publishRace: createError('ADMIN_PUBLISH_RACE', 'Another revision was published at the same moment; try again', 409),
} as const;
