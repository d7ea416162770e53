import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowsDir, loadFlowFile } from '../../src/flow/revisions.js';
import { validateFlow, type FlowProblem } from '../../src/flow/validate.js';
import type { Flow } from '../../src/flow/schema.js';

const main = () => structuredClone(loadFlowFile()) as Flow;
const problemsOf = (doc: unknown): FlowProblem[] => {
  const result = validateFlow(doc);
  return result.ok ? [] : result.problems;
};
const step = (flow: Flow, id: string) => flow.steps.find((s) => s.id === id)!;

describe('flow validation', () => {
  it.each(readdirSync(flowsDir).filter((f) => f.endsWith('.json') && f !== 'flow.schema.json'))('accepts flows/%s', (file) => {
    expect(problemsOf(loadFlowFile(file))).toEqual([]);
  });

  it('has no keypad warnings on the default flow', () => {
    expect(validateFlow(main()).warnings).toEqual([]);
  });

  it('warns, without refusing the flow, about a free answer that pound cannot skip', () => {
    const flow = main();
    delete (step(flow, 'wanted') as { optional?: boolean }).optional;
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { stepId: 'wanted', path: 'optional', message: expect.stringMatching(/^has no keypad answer/) },
    ]);
  });

  it('warns about a choice whose key the prompt never says, in either language, and a language key no prompt says', () => {
    const flow = main();
    const welcome = step(flow, 'welcome') as { prompt: { en: string; es: string } };
    welcome.prompt.en = 'How can I help you today? Press 1 to report a problem or 2 to check on a request.';
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { stepId: 'welcome', path: 'options[2].key', message: 'the English prompt never says key 3, so a caller on the keypad cannot find "Police non-emergency"' },
      { stepId: 'welcome', path: 'languages[0].key', message: 'no prompt says key 9, so a caller on the keypad cannot switch to Spanish' },
    ]);
  });

  it('warns about a location, issue or status prompt that never tells a keypad caller which keys to press', () => {
    const flow = main();
    (step(flow, 'location') as { prompt: { en: string } }).prompt.en = 'Where is the problem?';
    (step(flow, 'status') as { prompt: { es: string } }).prompt.es = 'Dígame su número de confirmación.';
    expect(validateFlow(flow).warnings).toEqual([
      { stepId: 'location', path: 'prompt.en', message: 'the English prompt never tells a caller on the keypad which keys to press' },
      { stepId: 'status', path: 'prompt.es', message: 'the Spanish prompt never tells a caller on the keypad which keys to press' },
    ]);
  });

  it('hears star and pound said by name as keys', () => {
    const flow = main();
    flow.steps.push({
      id: 'keys-menu', type: 'menu', prompt: { en: 'Press star to go on, or pound to stop.', es: 'Oprima asterisco para seguir, o la tecla de número para parar.' },
      options: [{ key: '*', words: { en: [], es: [] }, next: 'goodbye' }, { key: '#', words: { en: [], es: [] }, next: 'goodbye' }],
      retries: 2, on: { noInput: 'goodbye', noMatch: 'goodbye', retryLimit: 'operator' },
    });
    (step(flow, 'read-back') as { on: Record<string, string> }).on.next = 'keys-menu';
    expect(validateFlow(flow).warnings).toEqual([]);
  });

  it('rejects a step that goes to a step that does not exist', () => {
    const flow = main();
    (step(flow, 'welcome') as { on: Record<string, string> }).on.report = 'nowhere';
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'welcome', message: 'goes to "nowhere", which is not a step' }));
  });

  it('rejects a duplicate step id', () => {
    const flow = main();
    flow.steps.push({ ...step(flow, 'goodbye'), label: 'again' } as Flow['steps'][number]);
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ message: 'step id "goodbye" is used twice' }));
  });

  it('rejects ids that mean something to JavaScript objects', () => {
    const flow = main();
    flow.steps.push({ id: 'constructor', type: 'hang-up', prompt: { en: 'x', es: 'x' } });
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'constructor', message: '"constructor" is a reserved name' }));
    const bad = main() as unknown as { steps: { id: string }[] };
    bad.steps[0]!.id = '__proto__';
    expect(problemsOf(bad).length).toBeGreaterThan(0);
  });

  it('rejects a step nobody can reach', () => {
    const flow = main();
    flow.steps.push({ id: 'orphan', type: 'hang-up', prompt: { en: 'Bye', es: 'Adiós' } });
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'orphan', message: 'step "orphan" can never be reached' }));
  });

  it('rejects a retry limit that hangs up instead of reaching a person', () => {
    const flow = main();
    (step(flow, 'welcome') as { on: Record<string, string> }).on.retryLimit = 'goodbye';
    expect(problemsOf(flow)).toContainEqual(
      expect.objectContaining({ stepId: 'welcome', path: 'on.retryLimit', message: expect.stringMatching(/live operator/) }),
    );
  });

  it('rejects a question without its no-input exit', () => {
    const flow = main();
    delete (step(flow, 'welcome') as { on: Record<string, string> }).on.noInput;
    expect(problemsOf(flow)).toContainEqual(
      expect.objectContaining({ stepId: 'welcome', path: '/steps/0/on/noInput', message: 'on.noInput: expected required property' }),
    );
  });

  it('rejects a loop that never asks the caller anything', () => {
    const flow = main();
    flow.steps.push({ id: 'loop-a', type: 'say', prompt: { en: 'a', es: 'a' }, next: 'loop-b' });
    flow.steps.push({ id: 'loop-b', type: 'say', prompt: { en: 'b', es: 'b' }, next: 'loop-a' });
    (step(flow, 'welcome') as { on: Record<string, string> }).on.report = 'loop-a';
    const problems = problemsOf(flow);
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'loop-a', message: expect.stringMatching(/loops back/) }));
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'loop-a', message: expect.stringMatching(/no path/) }));
  });

  it('rejects a key used twice on the first question, and the operator key as a choice', () => {
    const flow = main();
    const welcome = step(flow, 'welcome') as Extract<Flow['steps'][number], { type: 'open-question' }>;
    welcome.options[1]!.key = '1';
    welcome.options[2]!.key = '0';
    welcome.languages[0]!.key = '8';
    const messages = problemsOf(flow).map((p) => p.message);
    expect(messages).toContain('key 1 is used twice');
    expect(messages).toContain('key 0 is the operator key on every menu');
    expect(messages).toContain('key 8 is used twice');
  });

  it('rejects a flow that files what the open question heard without a confirm-report step', () => {
    const flow = main();
    flow.steps = flow.steps.filter((s) => s.type !== 'confirm-report');
    (step(flow, 'location') as { on: Record<string, string> }).on.next = 'describe';
    expect(problemsOf(flow)).toContainEqual(
      expect.objectContaining({ stepId: 'welcome', message: expect.stringMatching(/must be confirmed by a confirm-report step/) }),
    );
  });

  it('rejects a prompt missing its Spanish text', () => {
    const flow = main() as unknown as { steps: { prompt?: Record<string, string> }[] };
    delete flow.steps.find((s) => s.prompt)!.prompt!.es;
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'welcome', message: 'prompt.es: expected required property' }));
  });

  it('rejects code or unknown properties in a step', () => {
    const flow = main() as unknown as { steps: Record<string, unknown>[] };
    flow.steps[0]!.onEnter = 'process.exit(1)';
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'welcome', path: '/steps/0/onEnter' }));
  });
});
