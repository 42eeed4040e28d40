import { z } from 'zod';
import type { TaskOptions } from '../../../api/besmart/schemas.ts';
import { problem, readInteger, readLocalTimeField } from '../../../components/form/form-support.ts';

/** What the task forms hold, as typed. `graph` is the graph name (by name) or the graph JSON (raw). */
export interface TaskFormValues {
  graph: string;
  params: string;
  since: string;
  till: string;
  priority: string;
  async: boolean;
}

export const TASK_FIELDS = [
  'graph',
  'params',
  'since',
  'till',
  'priority',
] as const satisfies readonly (keyof TaskFormValues)[];

export const DEFAULT_PARAMS = '[{"client_cid": 1, "sensor_mid": 1}]';
export const DEFAULT_GRAPH = '{\n  "nodes": [],\n  "edges": []\n}';

export const emptyTaskForm = (mode: 'name' | 'raw'): TaskFormValues => ({
  graph: mode === 'raw' ? DEFAULT_GRAPH : '',
  params: mode === 'name' ? DEFAULT_PARAMS : '',
  since: '',
  till: '',
  priority: '5',
  async: false,
});

function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const localTime = z.string().transform((raw, ctx) => {
  if (raw.trim() === '') return undefined;
  return readLocalTimeField(raw, ctx);
});

/**
 * The task form's schema. By name: a graph name and template parameters as a
 * JSON object or array of objects. Raw: the graph as a JSON object with a
 * `nodes` array (and optionally `edges`). Both: optional local since/till
 * (since before till) and a priority of 1 to 10.
 */
export function taskFormSchema(mode: 'name' | 'raw') {
  return z
    .object({
      graph: z.string().transform((raw, ctx) => {
        const s = raw.trim();
        if (mode === 'name') {
          if (s === '') ctx.addIssue({ code: 'custom', message: problem('edit.task.nameRequired') });
          else if (!/^[A-Za-z0-9_.-]{1,100}$/.test(s))
            ctx.addIssue({ code: 'custom', message: problem('edit.task.nameChars') });
          return s;
        }
        const parsed = readJson(s);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: problem('edit.task.graphJson') });
        else if (!isObject(parsed.value) || !Array.isArray(parsed.value.nodes))
          ctx.addIssue({ code: 'custom', message: problem('edit.task.graphNodes') });
        else if (parsed.value.edges !== undefined && !Array.isArray(parsed.value.edges))
          ctx.addIssue({ code: 'custom', message: problem('edit.task.graphEdges') });
        return s;
      }),
      params: z.string().transform((raw, ctx) => {
        const s = raw.trim();
        if (mode === 'raw') return s;
        const parsed = readJson(s === '' ? '{}' : s);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: problem('edit.task.paramsJson') });
        else if (!(isObject(parsed.value) || (Array.isArray(parsed.value) && parsed.value.every(isObject))))
          ctx.addIssue({ code: 'custom', message: problem('edit.task.paramsShape') });
        return s === '' ? '{}' : s;
      }),
      since: localTime,
      till: localTime,
      priority: z.string().transform((raw, ctx) => {
        const n = readInteger(raw);
        if (n !== undefined && (Number.isNaN(n) || n < 1 || n > 10))
          ctx.addIssue({ code: 'custom', message: problem('edit.task.priorityRange') });
        return n;
      }),
      async: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (v.since !== undefined && v.till !== undefined && v.since >= v.till)
        ctx.addIssue({ code: 'custom', path: ['till'], message: problem('edit.state.order') });
    });
}

export type TaskFormOutput = z.output<ReturnType<typeof taskFormSchema>>;

export function taskOptions(parsed: TaskFormOutput): TaskOptions {
  return {
    ...(parsed.priority !== undefined ? { task_priority: parsed.priority } : {}),
    ...(parsed.async ? { task_async: true } : {}),
    ...(parsed.since !== undefined ? { since: parsed.since } : {}),
    ...(parsed.till !== undefined ? { till: parsed.till } : {}),
  };
}
