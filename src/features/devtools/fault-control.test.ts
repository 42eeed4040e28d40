import { describeFault, parseFaultFlag } from './fault-control.ts';

describe('the ?fault= flag', () => {
  it('reads service, kind, delay and path; several comma-separated', () => {
    expect(parseFaultFlag('besmart:500')).toEqual([{ service: 'besmart', setting: { kind: '500' } }]);
    expect(parseFaultFlag('saures:latency:5000, besmart:html:/sensors/signals')).toEqual([
      { service: 'saures', setting: { kind: 'latency', ms: 5000 } },
      { service: 'besmart', setting: { kind: 'html', path: '/sensors/signals' } },
    ]);
    expect(parseFaultFlag('saures:off')).toEqual([{ service: 'saures', setting: null }]);
  });

  it('says what it does not understand', () => {
    expect(parseFaultFlag('')).toBe('The fault flag is empty.');
    expect(parseFaultFlag('other:500')).toMatch(/service must be saures or besmart/);
    expect(parseFaultFlag('besmart:418')).toMatch(/fault must be one of/);
    expect(parseFaultFlag('besmart:500:soon')).toMatch(/neither a delay in ms nor a path/);
  });
});

describe('describeFault', () => {
  const base = { status: null, ms: 0, path: null, method: null, remaining: null };
  it('puts the active fault in words', () => {
    expect(describeFault(null)).toBe('no fault');
    expect(describeFault({ ...base, kind: 'status', status: 500 })).toBe('500 on every path except login');
    expect(describeFault({ ...base, kind: 'latency', ms: 3000, path: '/sensors' })).toBe(
      'latency 3000 ms on paths starting with /sensors',
    );
    expect(describeFault({ ...base, kind: 'html', method: 'PUT', remaining: 1 })).toBe(
      'html on every path except login (PUT only), 1 more request',
    );
  });
});
