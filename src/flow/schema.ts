import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';

/**
 * The flow format: IVR menus as data. Steps name behaviour (`type`); the engine implements it.
 * Nothing in a flow is executed: prompts are plain text, targets are step ids.
 */
export const FLOW_FORMAT_VERSION = 1;
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * What a field holds, beyond its JSON type, for the console's editor and its messages. Kept on the
 * schema itself as the `x-kind` keyword (JSON Schema ignores keywords it does not know), so the
 * editor reads a field's kind instead of recognising copied patterns.
 */
export const FIELD_KINDS = ['step-id', 'key', 'queue', 'phone', 'prompt', 'words'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
const kind = (k: FieldKind) => ({ 'x-kind': k });

/** The kind a schema is annotated with, if any. */
export function kindOf(schema: TSchema | undefined): FieldKind | undefined {
  const k = (schema as { 'x-kind'?: unknown } | undefined)?.['x-kind'];
  return FIELD_KINDS.find((known) => known === k);
}

const StepId = Type.String({
  pattern: '^[a-z][a-z0-9-]{0,47}$',
  description: 'Lower-case letters, digits and dashes; starts with a letter.',
  ...kind('step-id'),
});
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const PromptIn = { en: Text(1000), es: Text(1000) };
/** Words the caller hears, in each language; `description` says which ones. */
const PromptOf = (description: string) => Type.Object(PromptIn, { additionalProperties: false, description, ...kind('prompt') });
export const Prompt = PromptOf('What the caller hears, in each language.');
const Words = Type.Object(
  {
    en: Type.Array(Text(100), { maxItems: 50 }),
    es: Type.Array(Text(100), { maxItems: 50 }),
  },
  { additionalProperties: false, description: 'Spoken words that choose this option, per language.', ...kind('words') },
);
const Key = Type.String({ pattern: '^[0-9*#]$', ...kind('key') });
const Retries = Type.Integer({ minimum: 1, maximum: 5, description: 'Re-asks before the retry-limit exit.' });
/** Exits every question must route: silence, an answer we cannot use, and too many of either. */
const QuestionExits = {
  noInput: StepId,
  noMatch: StepId,
  retryLimit: StepId,
};
const QueueName = Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$', ...kind('queue') });

/**
 * Where a step type stands in the graph, for the validator, kept on the step's schema as `x-role`:
 * `ends` ends the call (a queue, a transfer, a goodbye); `passes` answers without waiting for the
 * caller, so a loop of such steps would never end. A step with `retries` asks a question.
 */
export type StepRole = 'ends' | 'passes';

const base = <K extends string, T extends Record<string, TSchema>>(type: K, props: T, role?: StepRole) =>
  Type.Object(
    {
      id: StepId,
      type: Type.Literal(type),
      label: Type.Optional(Type.String({ maxLength: 200 })),
      ...props,
    },
    { additionalProperties: false, ...(role ? { 'x-role': role } : {}) },
  );

export const SayStep = base('say', { prompt: Prompt, next: StepId }, 'passes');
export const ChooseLanguageStep = base('choose-language', {
  prompt: Prompt,
  options: Type.Array(
    Type.Object(
      { key: Key, language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))), words: Type.Array(Text(100)) },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 5 },
  ),
  next: StepId,
});
export const LineBranchStep = base(
  'line-branch',
  { on: Type.Object({ main: StepId, outOfArea: StepId }, { additionalProperties: false }) },
  'passes',
);
export const MenuStep = base('menu', {
  prompt: Prompt,
  options: Type.Array(
    Type.Object(
      { key: Key, words: Words, next: StepId, label: Type.Optional(Type.String({ maxLength: 200 })) },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 11 },
  ),
  retries: Retries,
  on: Type.Object(QuestionExits, { additionalProperties: false }),
});
/** What a caller may want from the open question; each routes through the exit of the same name. */
// Asking for a person is not one of them: the operator key and words work at every question.
export const INTENTS = ['report', 'status', 'police'] as const;
export type Intent = (typeof INTENTS)[number];

export const OpenQuestionStep = base('open-question', {
  greeting: PromptOf('The welcome on the 311 number, said once before the question.'),
  outOfAreaGreeting: PromptOf('The welcome on the out-of-area number, said once before the question instead.'),
  prompt: Prompt,
  options: Type.Array(
    Type.Object(
      {
        key: Key,
        intent: Type.Union(INTENTS.map((i) => Type.Literal(i))),
        words: Words,
        label: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 8, description: 'Keypad choices and the words that mean them; speech may fill the whole report.' },
  ),
  languages: Type.Array(
    Type.Object(
      { key: Key, language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))), words: Type.Array(Text(100), { maxItems: 20 }) },
      { additionalProperties: false },
    ),
    { maxItems: 5, description: 'A key or word that asks the question again in another language.' },
  ),
  retries: Retries,
  on: Type.Object(
    { report: StepId, status: StepId, police: StepId, ...QuestionExits },
    { additionalProperties: false },
  ),
});
export const ConfirmReportStep = base('confirm-report', {
  prompt: Prompt,
  whichPart: PromptOf('Asked after a no: which part was wrong (1 the problem, 2 the place).'),
  retries: Retries,
  on: Type.Object(
    { confirmed: StepId, issue: StepId, place: StepId, ...QuestionExits },
    { additionalProperties: false },
  ),
});
export const ConfirmStep = base('confirm', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object({ yes: StepId, no: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const AskStep = base('ask', {
  prompt: Prompt,
  save: Type.Union([Type.Literal('description'), Type.Literal('requestedAction')]),
  optional: Type.Optional(
    Type.Boolean({ description: 'The caller may press pound to skip the question: the only way to answer it on the keypad.' }),
  ),
  retries: Retries,
  on: Type.Object({ answer: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const ClassifyIssueStep = base('classify-issue', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object(
    { report: StepId, police: StepId, ...QuestionExits },
    { additionalProperties: false },
  ),
});
export const CollectLocationStep = base('collect-location', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object({ next: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const SubmitReportStep = base('submit-report', {
  on: Type.Object({ submitted: StepId, ...QuestionExits }, { additionalProperties: false }),
  retries: Retries,
});
export const ReadBackStep = base('read-back', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object({ next: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const OfferTextStep = base('offer-text', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object({ next: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const RecognizeCallerStep = base('recognize-caller', {
  retries: Retries,
  on: Type.Object(
    { none: StepId, status: StepId, newReport: StepId, ...QuestionExits },
    { additionalProperties: false },
  ),
});
export const StatusLookupStep = base('status-lookup', {
  prompt: Prompt,
  retries: Retries,
  on: Type.Object({ done: StepId, newReport: StepId, ...QuestionExits }, { additionalProperties: false }),
});
export const EnqueueStep = base('enqueue', { queue: QueueName, reason: Prompt }, 'ends');
export const TransferStep = base(
  'transfer',
  { prompt: Prompt, number: Type.String({ pattern: '^\\+?[0-9]{3,15}$', ...kind('phone') }) },
  'ends',
);
export const HangUpStep = base('hang-up', { prompt: Prompt }, 'ends');

export const Step = Type.Union([
  SayStep, ChooseLanguageStep, LineBranchStep, OpenQuestionStep, MenuStep, ConfirmStep, ConfirmReportStep, AskStep, ClassifyIssueStep,
  CollectLocationStep, SubmitReportStep, ReadBackStep, OfferTextStep, RecognizeCallerStep,
  StatusLookupStep, EnqueueStep, TransferStep, HangUpStep,
]);

/**
 * Each step type's own schema, by type: the one table the validator, the console's editor and its
 * messages read, so a new step type needs only its entry in `Step` above.
 */
export const STEP_SCHEMAS: ReadonlyMap<StepType, TObject> = new Map(
  Step.anyOf.map((schema) => [schema.properties.type.const as StepType, schema as TObject]),
);
export const STEP_TYPES: readonly StepType[] = [...STEP_SCHEMAS.keys()];

/** The step types of a role, read from their schemas. */
export function stepTypesWith(role: StepRole): ReadonlySet<StepType> {
  return new Set(STEP_TYPES.filter((type) => (STEP_SCHEMAS.get(type) as { 'x-role'?: unknown })['x-role'] === role));
}

export function isStepType(value: unknown): value is StepType {
  return typeof value === 'string' && STEP_SCHEMAS.has(value as StepType);
}

export const Flow = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    format: Type.Literal(FLOW_FORMAT_VERSION),
    key: Type.String({ pattern: '^[a-z][a-z0-9-]{0,47}$' }),
    name: Text(200),
    initial: StepId,
    settings: Type.Object(
      {
        /** Where "agent", "operator" or the operator key go from any question. */
        operatorStep: StepId,
        operatorKey: Key,
        /** Where a caller goes after the emergency advice (said in any answer). */
        emergencyStep: StepId,
        /** Where a caller goes when something failed on our side. */
        errorStep: StepId,
      },
      { additionalProperties: false },
    ),
    steps: Type.Array(Step, { minItems: 1, maxItems: 200 }),
    /** Editor layout, kept apart from behaviour. */
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false, $id: 'https://baltimore311.example/flow.schema.json' },
);

export type Prompt = Static<typeof Prompt>;
export type Step = Static<typeof Step>;
export type StepType = Step['type'];
export type Flow = Static<typeof Flow>;
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;
