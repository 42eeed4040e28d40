import { isolate } from './bidi.ts';

describe('isolate', () => {
  it('closes whatever direction the text opens before ours goes on', () => {
    const name = 'Boiler room \u202e';
    const sentence = `Delete “${isolate(name)}” (1.6)?`;
    expect(sentence).toBe('Delete “\u2068Boiler room \u202e\u2069” (1.6)?');
    // Everything after the isolate is outside it: the id's characters come after the closing PDI.
    expect(sentence.indexOf('1.6')).toBeGreaterThan(sentence.indexOf('\u2069'));
  });
});
