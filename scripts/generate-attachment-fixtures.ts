// Writes the sample documents under test/fixtures/attachments/: one small, valid file of every
// accepted type, and the hostile ones the upload must refuse. Everything is built here from its
// specification (no office suite needed), so the files are small and their content is known.
//
//   npm run generate:attachment-fixtures
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function projectRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error('package.json not found above ' + from);
}

const TARGET = join(projectRoot(__dirname), 'test', 'fixtures', 'attachments');
/** A fixed time for every ZIP entry, so regenerating gives the same bytes. */
const DOS_TIME = 0x6000; // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 15; // 2026-01-15

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored (ODF's `mimetype` must be) or deflated. */
  store?: boolean;
}

/** A ZIP archive (PKWARE APPNOTE 6.3): local headers, data, central directory, end record. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.store ? entry.data : deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (text: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text.replace(/\n\s*/g, '')}`, 'utf8');

const NS = {
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
};
const REL = (type: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`;
const OOXML = 'application/vnd.openxmlformats-officedocument';

function relationships(...rels: [id: string, type: string, target: string][]): Buffer {
  return xml(
    `<Relationships xmlns="${NS.rels}">${rels
      .map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL(type)}" Target="${target}"/>`)
      .join('')}</Relationships>`,
  );
}

function contentTypes(overrides: [part: string, type: string][]): Buffer {
  return xml(
    `<Types xmlns="${NS.types}">
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
      <Default Extension="xml" ContentType="application/xml"/>
      ${overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')}
    </Types>`,
  );
}

function docx(): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: contentTypes([['/word/document.xml', `${OOXML}.wordprocessingml.document.main+xml`]]),
    },
    { name: '_rels/.rels', data: relationships(['rId1', 'officeDocument', 'word/document.xml']) },
    {
      name: 'word/document.xml',
      data: xml(
        `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:body><w:p><w:r><w:t>Project description: joint PhD programme in hydrology</w:t></w:r></w:p></w:body>
        </w:document>`,
      ),
    },
  ]);
}

function xlsx(): Buffer {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return zip([
    {
      name: '[Content_Types].xml',
      data: contentTypes([
        ['/xl/workbook.xml', `${OOXML}.spreadsheetml.sheet.main+xml`],
        ['/xl/worksheets/sheet1.xml', `${OOXML}.spreadsheetml.worksheet+xml`],
      ]),
    },
    { name: '_rels/.rels', data: relationships(['rId1', 'officeDocument', 'xl/workbook.xml']) },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${main}" xmlns:r="${NS.r}"><sheets><sheet name="Partners" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: relationships(['rId1', 'worksheet', 'worksheets/sheet1.xml']) },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: xml(
        `<worksheet xmlns="${main}"><sheetData>
          <row r="1"><c r="A1" t="inlineStr"><is><t>Partner</t></is></c><c r="B1" t="inlineStr"><is><t>Country</t></is></c></row>
          <row r="2"><c r="A2" t="inlineStr"><is><t>Technische Universität München</t></is></c><c r="B2" t="inlineStr"><is><t>DE</t></is></c></row>
        </sheetData></worksheet>`,
      ),
    },
  ]);
}

function pptx(): Buffer {
  const ns = `xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"`;
  const emptyTree = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>';
  const colours = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'];
  const scheme = [...colours, 'hlink', 'folHlink']
    .map((name, i) => `<a:${name}><a:srgbClr val="${['000000', 'FFFFFF'][i % 2]}"/></a:${name}>`)
    .join('');
  const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const line = `<a:ln w="9525">${fill}</a:ln>`;
  const theme = xml(
    `<a:theme xmlns:a="${NS.a}" name="Plain"><a:themeElements>
      <a:clrScheme name="Plain">${scheme}</a:clrScheme>
      <a:fontScheme name="Plain">
        <a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
        <a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
      </a:fontScheme>
      <a:fmtScheme name="Plain">
        <a:fillStyleLst>${fill.repeat(3)}</a:fillStyleLst>
        <a:lnStyleLst>${line.repeat(3)}</a:lnStyleLst>
        <a:effectStyleLst>${'<a:effectStyle><a:effectLst/></a:effectStyle>'.repeat(3)}</a:effectStyleLst>
        <a:bgFillStyleLst>${fill.repeat(3)}</a:bgFillStyleLst>
      </a:fmtScheme>
    </a:themeElements></a:theme>`,
  );
  const colourMap =
    'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"';
  const title =
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>' +
    '<p:spPr><a:xfrm><a:off x="457200" y="457200"/><a:ext cx="8229600" cy="1143000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>' +
    '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"/><a:t>Partner information</a:t></a:r></a:p></p:txBody></p:sp>';
  return zip([
    {
      name: '[Content_Types].xml',
      data: contentTypes([
        ['/ppt/presentation.xml', `${OOXML}.presentationml.presentation.main+xml`],
        ['/ppt/slideMasters/slideMaster1.xml', `${OOXML}.presentationml.slideMaster+xml`],
        ['/ppt/slideLayouts/slideLayout1.xml', `${OOXML}.presentationml.slideLayout+xml`],
        ['/ppt/slides/slide1.xml', `${OOXML}.presentationml.slide+xml`],
        ['/ppt/theme/theme1.xml', `${OOXML}.theme+xml`],
      ]),
    },
    { name: '_rels/.rels', data: relationships(['rId1', 'officeDocument', 'ppt/presentation.xml']) },
    {
      name: 'ppt/presentation.xml',
      data: xml(
        `<p:presentation ${ns}>
          <p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>
          <p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>
          <p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>
        </p:presentation>`,
      ),
    },
    {
      name: 'ppt/_rels/presentation.xml.rels',
      data: relationships(
        ['rId1', 'slideMaster', 'slideMasters/slideMaster1.xml'],
        ['rId2', 'slide', 'slides/slide1.xml'],
        ['rId3', 'theme', 'theme/theme1.xml'],
      ),
    },
    {
      name: 'ppt/slideMasters/slideMaster1.xml',
      data: xml(
        `<p:sldMaster ${ns}><p:cSld><p:spTree>${emptyTree}</p:spTree></p:cSld><p:clrMap ${colourMap}/>
          <p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>`,
      ),
    },
    {
      name: 'ppt/slideMasters/_rels/slideMaster1.xml.rels',
      data: relationships(
        ['rId1', 'slideLayout', '../slideLayouts/slideLayout1.xml'],
        ['rId2', 'theme', '../theme/theme1.xml'],
      ),
    },
    {
      name: 'ppt/slideLayouts/slideLayout1.xml',
      data: xml(
        `<p:sldLayout ${ns} type="blank"><p:cSld name="Blank"><p:spTree>${emptyTree}</p:spTree></p:cSld>
          <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`,
      ),
    },
    {
      name: 'ppt/slideLayouts/_rels/slideLayout1.xml.rels',
      data: relationships(['rId1', 'slideMaster', '../slideMasters/slideMaster1.xml']),
    },
    {
      name: 'ppt/slides/slide1.xml',
      data: xml(
        `<p:sld ${ns}><p:cSld><p:spTree>${emptyTree}${title}</p:spTree></p:cSld>
          <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`,
      ),
    },
    {
      name: 'ppt/slides/_rels/slide1.xml.rels',
      data: relationships(['rId1', 'slideLayout', '../slideLayouts/slideLayout1.xml']),
    },
    { name: 'ppt/theme/theme1.xml', data: theme },
  ]);
}

/** An OpenDocument package: `mimetype` first and stored, then the manifest and the content. */
function odf(mediaType: string, body: string, extraNamespaces = ''): Buffer {
  return zip([
    { name: 'mimetype', data: Buffer.from(mediaType, 'ascii'), store: true },
    {
      name: 'META-INF/manifest.xml',
      data: xml(
        `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
          <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${mediaType}"/>
          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>`,
      ),
    },
    {
      name: 'content.xml',
      data: xml(
        `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
          xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ${extraNamespaces} office:version="1.2">
          <office:body>${body}</office:body></office:document-content>`.replace(/\n\s*/g, ' '),
      ),
    },
  ]);
}

/** A one-page PDF 1.4 with a line of text, its cross-reference table computed. */
function pdf(): Buffer {
  const content = 'BT /F1 18 Tf 72 770 Td (Export classification: EAR99, no licence required) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 4×4 RGB PNG: signature, IHDR, IDAT (zlib, filter 0 per row), IEND, each chunk with its CRC. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const size = 4;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no interlace
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) rows.set([0x1f * x, 0x3f * y, 0xa0], y * (1 + size * 3) + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * An 8×8 grey baseline JPEG (JFIF): one block whose DC difference is 0 and whose AC coefficients are
 * all zero, coded with one-symbol Huffman tables (DC category 0, AC end-of-block: both the code `0`).
 */
function jpeg(): Buffer {
  const segment = (marker: number, data: number[]) => [
    0xff,
    marker,
    ((data.length + 2) >> 8) & 0xff,
    (data.length + 2) & 0xff,
    ...data,
  ];
  const oneSymbolTable = (tableClass: number) => [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneSymbolTable(0)),
    ...segment(0xc4, oneSymbolTable(1)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // bits 0 (DC: category 0), 0 (AC: end of block), then padding ones
    0xff,
    0xd9,
  ]);
}

const files: Record<string, Buffer> = {
  // Accepted: one of each type.
  'export-classification.pdf': pdf(),
  'project-description.docx': docx(),
  'partners.xlsx': xlsx(),
  'partner-information.pptx': pptx(),
  'agreement-draft.odt': odf(
    'application/vnd.oasis.opendocument.text',
    '<office:text><text:p>Draft agreement between the university and its partner.</text:p></office:text>',
  ),
  'budget.ods': odf(
    'application/vnd.oasis.opendocument.spreadsheet',
    '<office:spreadsheet><table:table table:name="Budget"><table:table-row><table:table-cell office:value-type="string"><text:p>Travel</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1200"><text:p>1200</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>',
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  ),
  'site-plan.png': png(),
  'photo.jpg': jpeg(),
  'notes.txt': Buffer.from(
    'Notes on the partner visit – Überblick\n\nThe partner confirmed the exchange of two PhD students (✓).\r\nBudget: € 1 200.\n',
    'utf8',
  ),
  // Refused.
  'elf-executable.pdf': Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    Buffer.alloc(8),
    Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
    Buffer.alloc(104),
  ]),
  'windows-executable.pdf': Buffer.concat([
    Buffer.from('MZ', 'ascii'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0', 'latin1'),
    Buffer.from([0x4c, 0x01, 0x01, 0x00]),
    Buffer.alloc(64),
  ]),
  'page.txt': Buffer.from(
    '<!DOCTYPE html>\n<html><head><title>Notes</title></head><body><script>alert(document.cookie)</script></body></html>\n',
    'utf8',
  ),
  'drawing.svg': Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n',
    'utf8',
  ),
  'plain-archive.docx': zip([{ name: 'readme.txt', data: Buffer.from('Not an office document.\n', 'utf8') }]),
  'utf16-notes.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notes in UTF-16\n', 'utf16le')]),
};

mkdirSync(TARGET, { recursive: true });
for (const [name, content] of Object.entries(files)) writeFileSync(join(TARGET, name), content);
console.log(`Wrote ${Object.keys(files).length} files to ${TARGET}`);
