import { Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { findTemplatesDir } from '../reports/render/template-renderer';
import { Language, LANGUAGES } from '../users/language';
import { NOTIFICATION_TYPES, NotificationParams, NotificationType, SAMPLE_PARAMS } from './notification-types';

type Compiled = Handlebars.TemplateDelegate<object>;

/** The case a notification is about, as its text may name it. */
export interface CaseLine {
  id: string;
  reference: string;
}

/** Committee names by key, in each language. */
export type CommitteeNames = ReadonlyMap<string, { nameEn: string; nameNl: string }>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The words of notifications, from `templates/mail/`: `messages.<language>.json` holds per type a
 * subject and a one-sentence text (Handlebars, plain text: the in-app text and the heart of the
 * mail); `notification.<language>.text.hbs` and `.html.hbs` lay out the mail around it. Like the
 * report templates (src/reports/render/template-renderer.ts), everything is compiled once at start
 * with `strict: true` and rendered once with each type's sample parameters, so a template that
 * names a field its type does not have stops the start, not a case action. The HTML layout escapes
 * every value (the sentence included); the plain-text parts are not HTML and are not escaped.
 */
@Injectable()
export class NotificationRenderer implements OnModuleInit {
  private readonly messages = new Map<string, { subject: Compiled; text: Compiled }>();
  private readonly layouts = new Map<string, Compiled>();
  private readonly dateFormats: Record<Language, (instant: Date) => string>;

  constructor(private readonly config: AppConfig) {
    const root = join(findTemplatesDir(), 'mail');
    const text = Handlebars.create();
    const html = Handlebars.create();
    for (const language of LANGUAGES) {
      const file = join(root, `messages.${language}.json`);
      const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { subject: string; text: string }>;
      for (const type of NOTIFICATION_TYPES) {
        const entry = catalogue[type];
        if (typeof entry?.subject !== 'string' || typeof entry.text !== 'string')
          throw new Error(`${file}: ${type} needs a subject and a text`);
        this.messages.set(`${type}.${language}`, {
          subject: compile(text, entry.subject, `${file} ${type}.subject`, true),
          text: compile(text, entry.text, `${file} ${type}.text`, true),
        });
      }
      for (const [env, part, noEscape] of [
        [text, 'text', true],
        [html, 'html', false],
      ] as const) {
        const name = `notification.${language}.${part}.hbs`;
        this.layouts.set(`${language}.${part}`, compile(env, readFileSync(join(root, name), 'utf8'), name, noEscape));
      }
    }
    this.dateFormats = {
      en: dateFormat('en-GB', 'at', config.appTimeZone),
      nl: dateFormat('nl-BE', 'om', config.appTimeZone),
    };
  }

  onModuleInit(): void {
    const committees: CommitteeNames = new Map([['knowledge_security', { nameEn: 'K', nameNl: 'K' }]]);
    const kase = { id: '00000000-0000-4000-8000-000000000000', reference: 'IRR-2026-00001' };
    for (const language of LANGUAGES)
      for (const type of NOTIFICATION_TYPES)
        this.mail(type, language, kase, { title: 'T', ...SAMPLE_PARAMS[type] }, committees);
  }

  /** The one-sentence text of a notification, in `language` (in-app, and the heart of its mail). */
  text(
    type: NotificationType,
    language: Language,
    reference: string,
    params: NotificationParams,
    committees: CommitteeNames,
  ): string {
    return this.message(type, language).text(this.view(language, reference, params, committees));
  }

  mail(
    type: NotificationType,
    language: Language,
    kase: CaseLine,
    params: NotificationParams,
    committees: CommitteeNames,
  ): RenderedMail {
    const view = this.view(language, kase.reference, params, committees);
    const message = this.message(type, language);
    const layoutView = {
      subject: oneLine(message.subject(view)),
      message: message.text(view),
      reference: kase.reference,
      link: `${this.config.publicUrl}/cases/${kase.id}`,
    };
    return {
      subject: layoutView.subject,
      text: this.layouts.get(`${language}.text`)!(layoutView),
      html: this.layouts.get(`${language}.html`)!(layoutView),
    };
  }

  private message(type: NotificationType, language: Language) {
    return this.messages.get(`${type}.${language}`)!;
  }

  /** The fields a message template may use: the reference, the title and its type's own, readable. */
  private view(language: Language, reference: string, params: NotificationParams, committees: CommitteeNames) {
    const { title, committee, dueAt, reminder } = params;
    const names = committee ? committees.get(committee) : undefined;
    return {
      reference,
      title: oneLine(title),
      ...(committee !== undefined
        ? { committee: committee === null ? null : ((language === 'nl' ? names?.nameNl : names?.nameEn) ?? committee) }
        : {}),
      ...(dueAt !== undefined ? { due: this.dateFormats[language](new Date(dueAt)) } : {}),
      ...(reminder !== undefined ? { reminder } : {}),
    };
  }
}

function compile(env: typeof Handlebars, source: string, name: string, noEscape: boolean): Compiled {
  try {
    env.parse(source);
  } catch (error) {
    throw new Error(`Template ${name}: ${(error as Error).message}`, { cause: error });
  }
  return env.compile(source, { strict: true, noEscape });
}

/** "18 May 2027 at 14:00": built from parts, whose patterns stay put across ICU versions. */
function dateFormat(locale: string, at: string, timeZone: string): (instant: Date) => string {
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (instant) => `${date.format(instant)} ${at} ${time.format(instant)}`;
}

/** Titles may hold line breaks; a subject and a sentence may not. */
const oneLine = (text: string) => text.replace(/[\s\u2028\u2029]+/g, ' ').trim();
