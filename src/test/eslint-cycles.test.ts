import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });
// A scratch folder inside src/, so the project's config applies; removed after the tests.
const dir = path.join(__dirname, `cycle-fixture-${process.pid}`);

async function cycleErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(dir, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'meterdeck/no-import-cycle').map((m) => m.message);
}

beforeAll(() => {
  fs.mkdirSync(dir, { recursive: true });
  // b → c → a, and d on its own.
  fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c.ts';\nexport const b = c;\n");
  fs.writeFileSync(path.join(dir, 'c.ts'), "import type { A } from './a.ts';\nexport const c: A | null = null;\n");
  fs.writeFileSync(path.join(dir, 'd.ts'), 'export const d = 1;\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The first lint loads the whole ESLint config (typescript-eslint and plugins): seconds on a busy machine.
describe('import loops', { timeout: 60_000 }, () => {
  it('reports a loop through several modules, type-only imports included, naming the chain', async () => {
    const errors = await cycleErrors('a.ts', "import { b } from './b.ts';\nexport type A = typeof b;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/a\.ts → .*b\.ts → .*c\.ts → back/);
  });
  it('counts a lazy import() as an edge of the loop', async () => {
    const errors = await cycleErrors('a.ts', "export const load = () => import('./b.ts');\nexport type A = number;\n");
    expect(errors).toHaveLength(1);
  });
  it('lets a module import others that never come back', async () => {
    expect(await cycleErrors('a.ts', "import { d } from './d.ts';\nexport const a = d;\n")).toEqual([]);
  });
});
