import { describe, expect, it } from 'vitest';
import { describeError, scrubMessage } from '../../shared/log';

describe('log scrubbing', () => {
  it.each([
    [
      `Unexpected token 'a', "anna@example.org" is not valid JSON`,
      'Unexpected token <quoted>, <quoted> is not valid JSON',
    ],
    ['cannot deliver to anna.b+news@example.org today', 'cannot deliver to <address> today'],
    ['connect ECONNREFUSED 192.168.10.20:443', 'connect ECONNREFUSED <ip>:443'],
    ['from 2001:db8::ff00:42:8329 refused', 'from <ip> refused'],
    ['card 4111111111111111 declined', 'card <digits> declined'],
    [
      'D1_ERROR: UNIQUE constraint failed: subscribers.tenant_id, subscribers.email_index',
      'D1_ERROR: UNIQUE constraint failed: subscribers.tenant_id, subscribers.email_index',
    ],
  ])('%j', (input, expected) => {
    expect(scrubMessage(input)).toBe(expected);
  });

  it('describes errors by class and scrubbed message only', () => {
    let thrown: unknown;
    try {
      JSON.parse('anna@example.org');
    } catch (err) {
      thrown = err;
    }
    const fields = describeError(thrown);
    expect(fields.error).toBe('SyntaxError');
    expect(JSON.stringify(fields)).not.toContain('anna');
    expect(describeError('a string')).toEqual({ error: 'string' });
  });
});
