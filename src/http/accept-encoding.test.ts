import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsGzip } from './accept-encoding.js';

describe('Accept-Encoding', () => {
  it('takes gzip when listed with a quality above 0, or through *', () => {
    for (const header of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'GZIP', 'x-gzip', '*', 'deflate, *;q=0.1']) assert.equal(acceptsGzip(header), true, header);
  });
  it('not when absent, refused with q=0, or only other codings are listed', () => {
    for (const header of [undefined, '', 'identity', 'br, deflate', 'gzip;q=0', 'gzip; q=0.0, br', '*;q=0', 'gzip;q=0, *']) assert.equal(acceptsGzip(header), false, String(header));
  });
});
