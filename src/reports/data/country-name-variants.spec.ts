import { countryNameVariants } from './country-name-variants';

describe('countryNameVariants', () => {
  it('gives the reference name, its short form and the common English and Dutch names', () => {
    expect(countryNameVariants('IR', 'Iran, Islamic Republic of')).toEqual(
      expect.arrayContaining(['Iran, Islamic Republic of', 'Iran']),
    );
    expect(countryNameVariants('RU', 'Russian Federation')).toEqual(
      expect.arrayContaining(['Russian Federation', 'Russia', 'Rusland']),
    );
    expect(countryNameVariants('CN', 'China')).toEqual(['China']);
  });
});
