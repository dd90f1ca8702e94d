import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { LANGUAGES } from '../users/language';
import { CommitteeNames, NotificationRenderer } from './notification-renderer';
import { NOTIFICATION_TYPES, SAMPLE_PARAMS } from './notification-types';

/**
 * Golden files of the mail templates: `UPDATE_GOLDEN=1 npx jest src/notifications/notification-renderer.spec.ts`
 * rewrites them after an intended change of wording (read the diff).
 */
const GOLDEN_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'mail');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE_GOLDEN) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`Golden file ${file} is missing: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const config = loadConfig({
  JWT_SECRET: 'a-secret-that-is-long-enough-for-the-test',
  APP_URL: 'https://review.uni.example',
  APP_TIME_ZONE: 'Europe/Brussels',
});
const renderer = new NotificationRenderer(config);
const committees: CommitteeNames = new Map([
  ['knowledge_security', { nameEn: 'Knowledge Security Committee', nameNl: 'Commissie Kennisveiligheid' }],
]);
const kase = { id: '3f1c0c8e-5a7b-4d2e-9c1a-0b6f2d8e4a11', reference: 'IRR-2027-00042' };
const HOSTILE = '<script>alert("x")</script> {{constructor}} & “quotes” \'single\'\nsecond line';

describe('notification texts and mails', () => {
  it('render every type in every language at start (strict: no template names a field its type lacks)', () => {
    expect(() => renderer.onModuleInit()).not.toThrow();
  });

  it.each(LANGUAGES)('render the mail of a stage opened as in its golden files (%s)', (language) => {
    const mail = renderer.mail(
      'stage_opened',
      language,
      kase,
      { title: 'Machine learning for radar', ...SAMPLE_PARAMS.stage_opened },
      committees,
    );
    golden(`stage-opened.${language}.txt`, `Subject: ${mail.subject}\n\n${mail.text}`);
    golden(`stage-opened.${language}.html`, mail.html);
  });

  it('say the due date and time in the app time zone, in the reader’s language', () => {
    const params = { title: 'T', committee: 'knowledge_security', dueAt: '2027-05-18T12:00:00.000Z' };
    expect(renderer.text('stage_opened', 'en', kase.reference, params, committees)).toContain(
      'decide by 18 May 2027 at 14:00',
    );
    expect(renderer.text('stage_opened', 'nl', kase.reference, params, committees)).toContain(
      'beslis uiterlijk op 18 mei 2027 om 14:00',
    );
  });

  it.each(NOTIFICATION_TYPES)('escape a hostile title in the HTML part and keep it on one line (%s)', (type) => {
    for (const language of LANGUAGES) {
      const mail = renderer.mail(type, language, kase, { title: HOSTILE, ...SAMPLE_PARAMS[type] }, committees);
      expect(mail.subject).toContain(kase.reference);
      expect(mail.subject).not.toContain('\n');
      expect(mail.html).not.toContain('<script');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{constructor}} &amp; “quotes”');
      expect(mail.html).toContain(`href="https://review.uni.example/cases/${kase.id}"`);
      // Plain text is not HTML: the title reads as the user wrote it, on one line.
      expect(mail.text).toContain('<script>alert("x")</script> {{constructor}} & “quotes” \'single\' second line');
      expect(mail.text).toContain(`https://review.uni.example/cases/${kase.id}`);
    }
  });

  it('name the committee that asked, or the International Office when it asked at triage', () => {
    const byCommittee = { title: 'T', committee: 'knowledge_security' };
    expect(renderer.text('information_provided', 'en', 'R', byCommittee, committees)).toContain(
      'The review by the Knowledge Security Committee can continue.',
    );
    expect(renderer.text('information_provided', 'nl', 'R', { title: 'T', committee: null }, committees)).toContain(
      'Het dossier is terug in triage.',
    );
  });
});
