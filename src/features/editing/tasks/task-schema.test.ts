import { emptyTaskForm, taskFormSchema, taskOptions, type TaskFormValues } from './task-schema.ts';
import { parseLocalDateTime } from '../states/state-form-schema.ts';

const messages = (r: ReturnType<ReturnType<typeof taskFormSchema>['safeParse']>) =>
  r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
const byName = (v: Partial<TaskFormValues>) => ({ ...emptyTaskForm('name'), graph: 'estimation', ...v });
const raw = (v: Partial<TaskFormValues>) => ({ ...emptyTaskForm('raw'), ...v });

describe('task form schema', () => {
  it('by name: takes a name, parameters as JSON, local since/till, priority and async', () => {
    const r = taskFormSchema('name').safeParse(
      byName({ since: '2026-11-01T00:00', till: '2026-11-02T00:00', priority: '7', async: true }),
    );
    expect(r.success && r.data.graph).toBe('estimation');
    expect(r.success && taskOptions(r.data)).toEqual({
      task_priority: 7,
      task_async: true,
      since: parseLocalDateTime('2026-11-01T00:00'),
      till: parseLocalDateTime('2026-11-02T00:00'),
    });
  });

  it('by name: asks for a name and valid parameters', () => {
    expect(messages(taskFormSchema('name').safeParse(byName({ graph: '', params: '{x' })))).toEqual({
      graph: 'edit.task.nameRequired',
      params: 'edit.task.paramsJson',
    });
    expect(messages(taskFormSchema('name').safeParse(byName({ graph: 'a b', params: '[1]' })))).toEqual({
      graph: 'edit.task.nameChars',
      params: 'edit.task.paramsShape',
    });
  });

  it('raw: the graph must be a JSON object with a nodes array', () => {
    expect(taskFormSchema('raw').safeParse(raw({})).success).toBe(true);
    expect(messages(taskFormSchema('raw').safeParse(raw({ graph: 'nodes' })))).toEqual({
      graph: 'edit.task.graphJson',
    });
    expect(messages(taskFormSchema('raw').safeParse(raw({ graph: '{"edges": []}' })))).toEqual({
      graph: 'edit.task.graphNodes',
    });
    expect(messages(taskFormSchema('raw').safeParse(raw({ graph: '{"nodes": [], "edges": 1}' })))).toEqual({
      graph: 'edit.task.graphEdges',
    });
  });

  it('checks priority 1–10 and since before till', () => {
    expect(messages(taskFormSchema('name').safeParse(byName({ priority: '11' })))).toEqual({
      priority: 'edit.task.priorityRange',
    });
    expect(
      messages(taskFormSchema('name').safeParse(byName({ since: '2026-11-02T00:00', till: '2026-11-01T00:00' }))),
    ).toEqual({ till: 'edit.state.order' });
    const none = taskFormSchema('name').safeParse(byName({ priority: '' }));
    expect(none.success && taskOptions(none.data)).toEqual({});
  });
});
