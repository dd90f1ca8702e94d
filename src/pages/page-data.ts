import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { CommitteesRepository } from '../committees/committees.repository';
import { CountriesService } from '../countries/countries.service';
import { Language } from './i18n';
import { CommitteeName } from './views/case-view';

export interface CountryChoice {
  value: string;
  label: string;
}

/**
 * Names the pages show for reference data, in the page's language. Country names never change
 * (only their risk attributes do), so their lists are built once per language; committees are
 * read each time (an admin may rename one).
 */
@Injectable()
export class PageData {
  private countries: Promise<Map<Language, CountryChoice[]>> | null = null;

  constructor(
    private readonly committeesRepository: CommitteesRepository,
    private readonly countriesService: CountriesService,
  ) {}

  async committees(language: Language): Promise<CommitteeName[]> {
    return (await this.committeesRepository.all()).map((c) => ({
      key: c.key,
      name: language === 'nl' ? c.nameNl : c.nameEn,
      quorum: c.quorum,
    }));
  }

  /** The countries as choices, sorted by their name in the language. */
  async countryChoices(actor: AuthUser, language: Language): Promise<CountryChoice[]> {
    this.countries ??= this.countriesService.list(actor).then((countries) => {
      const dutch = new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' });
      const byLanguage = new Map<Language, CountryChoice[]>();
      for (const language of ['en', 'nl'] as const) {
        const choices = countries.map((c) => ({
          value: c.code,
          label: language === 'nl' ? (safeName(dutch, c.code) ?? c.name) : c.name,
        }));
        byLanguage.set(
          language,
          choices.sort((a, b) => a.label.localeCompare(b.label, language)),
        );
      }
      return byLanguage;
    });
    this.countries.catch(() => (this.countries = null));
    return (await this.countries).get(language)!;
  }

  async countryNamer(actor: AuthUser, language: Language): Promise<(code: string) => string> {
    const names = new Map((await this.countryChoices(actor, language)).map((c) => [c.value, c.label]));
    return (code) => names.get(code) ?? code;
  }
}

function safeName(names: Intl.DisplayNames, code: string): string | undefined {
  try {
    return names.of(code);
  } catch {
    return undefined;
  }
}
