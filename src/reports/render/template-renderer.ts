import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { escapeMarkdown } from './markdown-escape';

type Compiled = Handlebars.TemplateDelegate<object>;

/**
 * Every Handlebars template under `templates/`, compiled once at start with `strict: true` (a
 * missing field is an error, not an empty string). Files under a `partials/` folder are partials,
 * named by file name; the others are templates, named by path without `.hbs`
 * (`reports/report.en.html`). HTML templates use Handlebars' escaping; Markdown templates (`.md`)
 * are compiled without it and pass every value through the `md` helper, which escapes for Markdown.
 * Prototype access stays forbidden (Handlebars' default); templates receive plain view objects.
 * With `folder`, only the templates and partials under that folder of `root` (names stay
 * relative to `root`), so each user of `templates/` has its own set.
 */
export class TemplateRenderer {
  private readonly templates = new Map<string, Compiled>();

  constructor(root: string, folder?: string) {
    const hbs = Handlebars.create();
    hbs.registerHelper('md', (value: unknown) => escapeMarkdown(value));
    const files = listFiles(root, folder ? join(root, folder) : root).filter((f) => f.endsWith('.hbs'));
    for (const file of files.filter(isPartial)) {
      const name = file.slice(file.lastIndexOf('/') + 1, -'.hbs'.length);
      hbs.registerPartial(name, compile(hbs, readFileSync(join(root, file), 'utf8'), name));
    }
    for (const file of files.filter((f) => !isPartial(f))) {
      const name = file.slice(0, -'.hbs'.length);
      this.templates.set(name, compile(hbs, readFileSync(join(root, file), 'utf8'), name));
    }
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  render(name: string, view: object): string {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No template ${name}`);
    return template(view);
  }
}

const isPartial = (file: string) => file.split('/').includes('partials');

/**
 * Handlebars turns a template into code on its first render; parsing here makes a syntax error
 * stop the start instead. (The module renders each template once at start, which compiles it.)
 */
function compile(hbs: typeof Handlebars, source: string, name: string): Compiled {
  const options = { strict: true, noEscape: /\.md$/.test(name) };
  try {
    hbs.parse(source);
  } catch (error) {
    throw new Error(`Template ${name}: ${(error as Error).message}`, { cause: error });
  }
  return hbs.compile(source, options);
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, path) : [relative(root, path).split(sep).join('/')];
  });
}

/** The top-level `templates/` folder, found from here both in `src/` (tests) and in `dist/src/` (built). */
export function findTemplatesDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates')) && existsSync(join(dir, 'package.json'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`No templates/ folder above ${from}`);
  }
}
