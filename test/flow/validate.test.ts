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

  it('rejects a step that goes to a step that does not exist', () => {
    const flow = main();
    (step(flow, 'main-menu') as Extract<Flow['steps'][number], { type: 'menu' }>).options[0]!.next = 'nowhere';
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'main-menu', message: 'goes to "nowhere", which is not a step' }));
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
    (step(flow, 'main-menu') as { on: Record<string, string> }).on.retryLimit = 'goodbye';
    expect(problemsOf(flow)).toContainEqual(
      expect.objectContaining({ stepId: 'main-menu', path: 'on.retryLimit', message: expect.stringMatching(/live operator/) }),
    );
  });

  it('rejects a question without its no-input exit', () => {
    const flow = main();
    delete (step(flow, 'main-menu') as { on: Record<string, string> }).on.noInput;
    expect(problemsOf(flow)).toContainEqual(
      expect.objectContaining({ stepId: 'main-menu', path: '/steps/5/on/noInput', message: 'on.noInput: expected required property' }),
    );
  });

  it('rejects a loop that never asks the caller anything', () => {
    const flow = main();
    flow.steps.push({ id: 'loop-a', type: 'say', prompt: { en: 'a', es: 'a' }, next: 'loop-b' });
    flow.steps.push({ id: 'loop-b', type: 'say', prompt: { en: 'b', es: 'b' }, next: 'loop-a' });
    (step(flow, 'main-menu') as Extract<Flow['steps'][number], { type: 'menu' }>).options[0]!.next = 'loop-a';
    const problems = problemsOf(flow);
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'loop-a', message: expect.stringMatching(/loops back/) }));
    expect(problems).toContainEqual(expect.objectContaining({ stepId: 'loop-a', message: expect.stringMatching(/no path/) }));
  });

  it('rejects a menu key used twice, and the operator key as an option', () => {
    const flow = main();
    const menu = step(flow, 'main-menu') as Extract<Flow['steps'][number], { type: 'menu' }>;
    menu.options[1]!.key = '1';
    menu.options[2]!.key = '0';
    const messages = problemsOf(flow).map((p) => p.message);
    expect(messages).toContain('key 1 is used twice');
    expect(messages).toContain('key 0 is the operator key on every menu');
  });

  it('rejects a prompt missing its Spanish text', () => {
    const flow = main() as unknown as { steps: { prompt?: Record<string, string> }[] };
    delete flow.steps.find((s) => s.prompt)!.prompt!.es;
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'greeting', message: 'prompt.es: expected required property' }));
  });

  it('rejects code or unknown properties in a step', () => {
    const flow = main() as unknown as { steps: Record<string, unknown>[] };
    flow.steps[0]!.onEnter = 'process.exit(1)';
    expect(problemsOf(flow)).toContainEqual(expect.objectContaining({ stepId: 'greeting', path: '/steps/0/onEnter' }));
  });
});
