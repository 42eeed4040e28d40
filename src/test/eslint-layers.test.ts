import { ESLint } from 'eslint';
import path from 'node:path';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'meterdeck/layers').map((m) => m.message);
}

// The first lint loads the whole ESLint config (typescript-eslint and plugins): seconds on a busy machine.
describe('import direction (ARCHITECTURE.md)', { timeout: 60_000 }, () => {
  it('keeps React out of src/api', async () => {
    expect(
      await layerErrors('src/api/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"),
    ).toEqual([expect.stringContaining('src/api knows no React')]);
  });
  it('stops a feature importing another feature or app, but lets it use components, lib and api', async () => {
    const code = [
      "import { a } from '../flats/a.ts';",
      "import { b } from '../../app/b.ts';",
      "import { c } from '../../components/c.tsx';",
      "import { d } from '../../lib/d.ts';",
      "import { e } from '../../api/http.ts';",
      "import { f } from './f.ts';",
      'export const all = [a, b, c, d, e, f];',
    ].join('\n');
    const errors = await layerErrors('src/features/auth/x.ts', code);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('../flats/a.ts');
    expect(errors[1]).toContain('../../app/b.ts');
  });
  it('sends features, app and components to the services through src/lib/queries, not the API clients', async () => {
    const code = [
      "import { getSensor } from '../../api/besmart/client.ts';",
      "import type { Sensor } from '../../api/besmart/schemas.ts';",
      "import { besmartQueries } from '../../lib/queries/besmart.ts';",
      'export const all = [getSensor, besmartQueries];',
      'export type S = Sensor;',
    ].join('\n');
    expect(await layerErrors('src/features/signals/x.ts', code)).toEqual([
      expect.stringContaining('features reach the services through src/lib/queries'),
    ]);
    expect(
      await layerErrors('src/app/x.ts', "export const load = () => import('../api/saures/client.ts');\n"),
    ).toHaveLength(1);
    expect(await layerErrors('src/lib/queries/x.ts', code.replaceAll('../../', '../../../'))).toEqual([]);
  });
  it('keeps mocks/ out of production code but allows it in tests', async () => {
    const code = "import { createRng } from '../../mocks/seed.ts';\nexport const r = createRng;\n";
    expect(await layerErrors('src/app/x.ts', code)).toEqual([expect.stringContaining('never imports mocks/')]);
    expect(await layerErrors('src/app/x.test.ts', code)).toEqual([]);
  });
  it('keeps components and lib below features', async () => {
    expect(
      await layerErrors('src/components/x.tsx', "import { a } from '../features/auth/a.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });
});
