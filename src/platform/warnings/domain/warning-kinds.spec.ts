import { addressedPath } from './warning-kinds.js';

describe('addressedPath: a warning goes to the authority above the organisation concerned', () => {
  it.each([
    ['/000000/330000/330100/330106/3133010001/', '/000000/330000/330100/330106/'],
    ['/000000/330000/330100/330106/', '/000000/330000/330100/'],
    ['/000000/330000/', '/000000/'],
    ['/000000/', '/000000/'],
  ])('%s reports to %s', (subject, addressed) => {
    expect(addressedPath(subject)).toBe(addressed);
  });
});
