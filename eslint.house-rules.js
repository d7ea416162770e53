// The house rules of STYLE.md that are about who may import whom, kept by the linter
// (test/house-rules.test.ts shows each one refusing a forbidden import).
//
// ESLint's own no-restricted-imports, with regular expressions over the import's text, rather
// than eslint-plugin-boundaries or import-x/no-restricted-paths: every import here is a relative
// path, so the text says where it goes, and the rules need no new dependency or resolver.
// One config object per folder, because a later object's no-restricted-imports replaces an
// earlier one's instead of adding to it.

/** Doors and edges: HTTP, sign-in, rendering. Only the service's assembly and other edges use them. */
const EDGES = ['voice', 'admin', 'open311', 'departments', 'stats', 'health'];
/** Rooms: the features the flow's steps use, plain functions over typed data. */
const ROOMS = ['intake', 'location', 'queue', 'status', 'understand', 'requests'];
/** What the rooms and the edges stand on: the outbox, the Twilio client, the plugins, small helpers. */
const SERVICES = ['outbox', 'twilio', 'plugins', 'lib'];

const into = (folders) => `^(\\.\\./)+(${folders.join('|')})/`;

const noEdges = {
  regex: into(EDGES),
  message: 'A feature or a service never imports an edge (src/voice, src/admin, src/open311, src/departments, src/stats, src/health): the edge calls it.',
};
const engineThroughStepApi = {
  regex: '^(\\.\\./)+flow/(?!step-api\\.js$)',
  message: "A room uses the engine only through src/flow/step-api.ts, so the engine's insides can change.",
};
const noRooms = {
  regex: into(ROOMS),
  message: 'The engine reaches rooms only through the handler map (src/flow/handlers.ts) and the checks it registers.',
};
const noIntake = {
  regex: into(['intake']),
  message: 'src/location never imports src/intake: a place is found without knowing what is wrong there.',
};
const noSrc = {
  regex: '^(\\.\\./)+src/',
  message: 'db/ never imports src/: what both need lives under db/ (for example db/names/).',
};

const restrict = (files, patterns, ignores = []) => ({
  files,
  ...(ignores.length ? { ignores } : {}),
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export const houseRules = [
  ...ROOMS.map((room) =>
    restrict([`src/${room}/**/*.ts`], [noEdges, engineThroughStepApi, ...(room === 'location' ? [noIntake] : [])]),
  ),
  restrict(['src/flow/**/*.ts'], [noEdges, noRooms], ['src/flow/handlers.ts']),
  restrict(['src/flow/handlers.ts'], [noEdges]),
  restrict(SERVICES.map((folder) => `src/${folder}/**/*.ts`), [noEdges]),
  restrict(['db/**/*.ts'], [noSrc]),
];
