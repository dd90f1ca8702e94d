import { plainToInstance } from 'class-transformer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DualUseInput } from '../cases/dto/case-input.dto';

const ROOT = join(__dirname, '..', '..');

/**
 * The build (tsc) and the tests (swc) must compile class fields alike: with ES2022+ "define"
 * semantics a declared field the request left out becomes an own property set to undefined, which
 * overrides defaults spread before it ({ humanRightsConcern: false, ...input }). Both use the
 * TypeScript (legacy) semantics, so the tests exercise what `npm start` runs.
 */
describe('class field semantics', () => {
  it('is the same in tsconfig.json and in the jest transform', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jestConfig = require(join(ROOT, 'jest.config.js'));
    const [, swcOptions] = jestConfig.projects[0].transform['^.+\\.(t|j)sx?$'];
    expect(tsconfig.compilerOptions.useDefineForClassFields).toBe(false);
    expect(swcOptions.jsc.transform.useDefineForClassFields).toBe(false);
  });

  it('leaves out of a DTO the fields the request left out', () => {
    const input = plainToInstance(DualUseInput, {
      annexICategories: [3],
      militaryEndUse: false,
      misusePotential: false,
    });
    expect(Object.keys(input).sort()).toEqual(['annexICategories', 'militaryEndUse', 'misusePotential']);
    expect({ humanRightsConcern: false, details: null, ...input }).toMatchObject({
      humanRightsConcern: false,
      details: null,
    });
  });
});
