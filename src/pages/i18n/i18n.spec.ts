import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registeredErrorCodes } from '../../common/domain-error';
import { CATALOGUES, Catalogue } from '.';

/** Every text of a catalogue by its dotted path. */
function texts(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(path, value);
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      for (const [p, text] of texts(inner, path ? `${path}.${key}` : key)) found.set(p, text);
    }
  return found;
}

/** Loads every module's error codes (each `*.errors.ts` registers its own). */
async function loadErrorModules(dir = join(__dirname, '..', '..')): Promise<void> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await loadErrorModules(path);
    else if (entry.name.endsWith('.errors.ts')) await import(path);
  }
}

describe('the pages’ texts', () => {
  const en = texts(CATALOGUES.en);
  const nl = texts(CATALOGUES.nl);

  it('has every text in English and in Dutch, none empty', () => {
    expect([...nl.keys()].sort()).toEqual([...en.keys()].sort());
    const empty = [...en, ...nl].filter(([, text]) => text.trim() === '').map(([path]) => path);
    expect(empty).toEqual([]);
  });

  it('has the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const different = [...en]
      .filter(([path, text]) => placeholders(text).join() !== placeholders(nl.get(path) ?? '').join())
      .map(([path]) => path);
    expect(different).toEqual([]);
  });

  it('explains every error code the services can answer, in both languages', async () => {
    await loadErrorModules();
    const codes = registeredErrorCodes();
    expect(codes).toContain('QUORUM_NOT_MET');
    for (const language of ['en', 'nl'] as const) {
      const errors: Catalogue['errors'] = CATALOGUES[language].errors;
      expect({
        language,
        missing: codes.filter((code) => !Object.prototype.hasOwnProperty.call(errors, code)),
      }).toEqual({ language, missing: [] });
    }
  });
});
