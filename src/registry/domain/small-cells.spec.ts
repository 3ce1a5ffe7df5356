import { suppressSmallCells } from './small-cells.js';

const cells = (...counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, count }));

describe('small-cell suppression', () => {
  it('publishes cells of five and more as they are', () => {
    expect(suppressSmallCells(cells(5, 12, 40))).toEqual({
      cells: [
        { key: 'k0', count: 5, suppressed: false },
        { key: 'k1', count: 12, suppressed: false },
        { key: 'k2', count: 40, suppressed: false },
      ],
      total: 57,
    });
  });

  it('suppresses a small cell and, when it is the only one, the next smallest so the total cannot give it away', () => {
    const out = suppressSmallCells(cells(3, 12, 40));
    expect(out.cells.map((c) => c.count)).toEqual([null, null, 40]);
    expect(out.total).toBe(55);
  });

  it('needs no second cell when two are already suppressed', () => {
    expect(suppressSmallCells(cells(1, 2, 40)).cells.map((c) => c.count)).toEqual([null, null, 40]);
  });

  it('hides a total that is itself small', () => {
    expect(suppressSmallCells(cells(2, 1)).total).toBeNull();
  });

  it('keeps zero cells: nobody is in them', () => {
    expect(suppressSmallCells(cells(0, 40, 9)).cells.map((c) => c.count)).toEqual([0, 40, 9]);
  });
});
