import {
  chunkPayload,
  chunkRows,
  lineRanges,
  parseImport,
  parseImportOrigin,
  parseImportTime,
  parseImportValue,
  uploadChunks,
  type ImportChunk,
} from './data-import.ts';

describe('import fields', () => {
  it('reads times with a zone exactly, without a zone as local time, and epoch ms', () => {
    expect(parseImportTime('2026-11-01T10:15:00Z')).toBe(Date.UTC(2026, 10, 1, 10, 15));
    expect(parseImportTime('2026-11-01T10:15:30.5+02:00')).toBe(Date.UTC(2026, 10, 1, 8, 15, 30, 500));
    expect(parseImportTime('2026-11-01 10:15')).toBe(new Date(2026, 10, 1, 10, 15).getTime());
    expect(parseImportTime('1790000000000')).toBe(1_790_000_000_000);
    for (const bad of [
      '',
      'yesterday',
      '2026-02-30T00:00Z',
      '2026-13-01 00:00',
      '2026-11-01',
      '12345',
      '2026-11-01T25:00Z',
    ])
      expect(parseImportTime(bad)).toBeNaN();
  });

  it('refuses a local time the clocks skip (Europe/Berlin, 2026-03-29 02:30)', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      expect(parseImportTime('2026-03-29 02:30')).toBeNaN();
      expect(parseImportTime('2026-03-29 03:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
      expect(parseImportTime('2026-03-29T02:30Z')).toBe(Date.UTC(2026, 2, 29, 2, 30));
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads values with a dot or a comma; empty is a missing reading; junk is NaN', () => {
    expect(parseImportValue(' 54.38 ')).toBe(54.38);
    expect(parseImportValue('54,38')).toBe(54.38);
    expect(parseImportValue('-1e3')).toBe(-1000);
    expect(parseImportValue('')).toBeNull();
    for (const bad of ['abc', '1.2.3', '1,000.5', 'NaN', 'Infinity', '1e999']) expect(parseImportValue(bad)).toBeNaN();
  });

  it('reads origins as ids or besmart’s words in English or Russian; empty is measured', () => {
    expect(parseImportOrigin('')).toBe(1);
    expect(['measured', 'predicted', 'calculated', 'estimated', 'corrected'].map(parseImportOrigin)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(['Измеренное', 'прогнозное', 'расчётное', 'оценочное', 'скорректированное'].map(parseImportOrigin)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(parseImportOrigin('Estimated')).toBe(4);
    expect(parseImportOrigin('4')).toBe(4);
    expect(parseImportOrigin('other (9)')).toBe(9);
    expect(parseImportOrigin('0')).toBeNaN();
    expect(parseImportOrigin('guess')).toBeNaN();
  });
});

describe('parseImport', () => {
  it('reads rows without a header, positional: time, value, origin', () => {
    const r = parseImport('2026-11-01T00:00Z,1.5\n2026-11-01T00:15Z,2,predicted\n', 'kW.h');
    expect(r.headerLine).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 1, time: Date.UTC(2026, 10, 1, 0, 0), value: 1.5, origin: 1 },
      { line: 2, time: Date.UTC(2026, 10, 1, 0, 15), value: 2, origin: 2 },
    ]);
  });

  it('reads our own chart export back (header time,value,unit,origin; empty value = missing reading)', () => {
    const text =
      'time,value,unit,origin\r\n2026-11-01T00:00:00.000Z,1.25,kW.h,measured\r\n2026-11-01T00:15:00.000Z,,kW.h,estimated\r\n2026-11-01T00:30:00.000Z,3,kW.h,corrected\r\n2026-11-01T00:45:00.000Z,4,kW.h,7\r\n';
    const r = parseImport(text, 'kW.h');
    expect(r.headerLine).toBe(1);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.value, x.origin])).toEqual([
      [2, 1.25, 1],
      [3, null, 4],
      [4, 3, 5],
      [5, 4, 7],
    ]);
  });

  it('reports every bad line by its number and reason, keeping the good ones', () => {
    const text = [
      'time;value;origin', // 1: header, semicolons
      '2026-11-01T00:00Z;1,5', // 2 ok, comma decimal
      '', // 3 empty: skipped, not a problem
      'soon;2', // 4 bad time
      '2026-11-01T00:30Z;lots', // 5 bad value
      '2026-11-01T00:45Z;3;guessed', // 6 bad origin
      '2026-11-01T00:00Z;4', // 7 duplicate of line 2
      ';5', // 8 no time
      '2026-11-01T01:00Z', // 9 no value column
      '"2026-11-01T01:15Z";"6"', // 10 ok, quoted
    ].join('\n');
    const r = parseImport(text, 'kW.h');
    expect(r.delimiter).toBe(';');
    expect(r.rows.map((x) => x.line)).toEqual([2, 10]);
    expect(r.problems).toEqual([
      { line: 4, code: 'time', detail: 'soon' },
      { line: 5, code: 'value', detail: 'lots' },
      { line: 6, code: 'origin', detail: 'guessed' },
      { line: 7, code: 'duplicate', detail: '2' },
      { line: 8, code: 'timeMissing', detail: '' },
      { line: 9, code: 'fields', detail: '1' },
    ]);
    expect(r.lines).toBe(8);
  });

  it('keeps line numbers right after a quoted field spanning lines, and refuses a wrong unit or extra fields', () => {
    const text = 'time,value,unit\n"2026-11-01T00:00Z",1,kW\n2026-11-01T00:15Z,"2\n",kW.h\n2026-11-01T00:30Z,3,kW.h';
    const r = parseImport(text, 'kW.h');
    expect(r.problems).toEqual([{ line: 2, code: 'unit', detail: 'kW' }]);
    expect(r.rows.map((x) => x.line)).toEqual([3, 5]);
    expect(parseImport('2026-11-01T00:00Z,1,1,extra', 'kW').problems).toEqual([
      { line: 1, code: 'tooManyFields', detail: '4' },
    ]);
  });

  it('finds the 3 bad rows of 10,000 by line', () => {
    const start = Date.UTC(2026, 0, 1);
    const lines = ['time,value'];
    for (let i = 0; i < 10_000; i++) lines.push(`${new Date(start + i * 60_000).toISOString()},${i / 10}`);
    lines[101] = 'not a time,1';
    lines[5001] = `${new Date(start + 5000 * 60_000).toISOString()},x`;
    lines[9999] = `${new Date(start + 9997 * 60_000).toISOString()},1`;
    const r = parseImport(lines.join('\n'), 'kW');
    expect(r.rows).toHaveLength(9_997);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [102, 'time'],
      [5002, 'value'],
      [10000, 'duplicate'],
    ]);
  });
});

describe('chunked upload', () => {
  const rows = parseImport(
    Array.from({ length: 25 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()},${i}`).join('\n'),
    'kW',
  ).rows;

  it('splits rows into chunks and builds PUT bodies', () => {
    const chunks = chunkRows(rows, 10);
    expect(chunks.map((c) => c.rows.length)).toEqual([10, 10, 5]);
    expect(chunkPayload(chunks[2]?.rows ?? [])).toEqual({
      time: rows.slice(20).map((r) => r.time),
      value: [20, 21, 22, 23, 24],
      type: ['DBL', 'DBL', 'DBL', 'DBL', 'DBL'],
      origin: [1, 1, 1, 1, 1],
    });
  });

  it('stops at the first failure, says how many chunks were saved, and resumes from there', async () => {
    const chunks = chunkRows(rows, 10);
    const sent: number[] = [];
    let fail = true;
    const put = async (c: ImportChunk) => {
      if (c.index === 1 && fail) throw new Error('offline');
      sent.push(c.index);
    };
    const progress: number[] = [];
    const first = await uploadChunks(chunks, 0, put, (n) => progress.push(n));
    expect(first).toMatchObject({ status: 'failed', savedChunks: 1 });
    expect(sent).toEqual([0]);
    fail = false;
    const second = await uploadChunks(chunks, first.savedChunks, put, (n) => progress.push(n));
    expect(second).toEqual({ status: 'done', savedChunks: 3 });
    expect(sent).toEqual([0, 1, 2]);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('stops between chunks when asked', async () => {
    const chunks = chunkRows(rows, 10);
    let saved = 0;
    const r = await uploadChunks(
      chunks,
      0,
      async () => {},
      (n) => (saved = n),
      () => saved >= 2,
    );
    expect(r).toEqual({ status: 'stopped', savedChunks: 2 });
  });
});

describe('lineRanges', () => {
  it('writes runs of line numbers as ranges', () => {
    expect(lineRanges([9, 2, 3, 4, 7, 10])).toBe('2–4, 7, 9–10');
    expect(lineRanges([])).toBe('');
  });
});
