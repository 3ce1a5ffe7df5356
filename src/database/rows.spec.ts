import { rowsOf } from './rows.js';

describe('rows of a raw query', () => {
  it('unwraps the [rows, affectedCount] TypeORM gives for UPDATE and DELETE', () => {
    expect(rowsOf([[{ key: 'a' }], 1])).toEqual([{ key: 'a' }]);
    expect(rowsOf([[], 0])).toEqual([]);
  });

  it('passes SELECT and INSERT … RETURNING rows through', () => {
    expect(rowsOf([{ key: 'a' }, { key: 'b' }])).toEqual([{ key: 'a' }, { key: 'b' }]);
    expect(rowsOf([])).toEqual([]);
  });
});
