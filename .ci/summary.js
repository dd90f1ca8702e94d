#!/usr/bin/env node
'use strict';
// Closing CI summary from Jest --json result files.
//
//   node .ci/summary.js [--extra-failed N] FILE[:EXIT_CODE] ...
//
// For each FILE (a Jest --json --outputFile result):
//   - missing or unreadable (Jest crashed, typecheck failed, setup failed): counts as 1 failed;
//   - else passed += numPassedTests, failed += numFailedTests + numRuntimeErrorTestSuites
//     (suites that could not run at all report no failed tests of their own);
//   - if that adds no failure but Jest reported success=false or EXIT_CODE is non-zero
//     (e.g. "no tests found", a timeout kill, open handles), it counts as 1 failed.
// --extra-failed N adds N failures for non-Jest steps (npm ci, check:data, ...).
//
// Prints one detail line per file, then, as the very last line, `N passed, N failed`.
// Exits 1 if anything failed, else 0. No dependencies.

const fs = require('fs');
const path = require('path');

function main(argv) {
  let extraFailed = 0;
  const runs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--extra-failed') {
      extraFailed += Number.parseInt(argv[++i], 10) || 0;
    } else if (arg.startsWith('--extra-failed=')) {
      extraFailed += Number.parseInt(arg.slice('--extra-failed='.length), 10) || 0;
    } else {
      const m = /^(.*):(-?\d+)$/.exec(arg);
      runs.push(m ? { file: m[1], exitCode: Number(m[2]) } : { file: arg, exitCode: null });
    }
  }

  let passed = 0;
  let failed = extraFailed;
  const lines = [];
  for (const { file, exitCode } of runs) {
    const label = path.basename(file).replace(/\.json$/, '');
    const exitNote = exitCode === null ? '' : `, exit ${exitCode}`;
    let result;
    try {
      result = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      const why = err && err.code === 'ENOENT' ? 'no result file' : `unreadable result (${err.message})`;
      lines.push(`${label}: ${why}${exitNote}: counted as 1 failed`);
      failed += 1;
      continue;
    }
    const p = Number(result.numPassedTests) || 0;
    const f = Number(result.numFailedTests) || 0;
    const broken = Number(result.numRuntimeErrorTestSuites) || 0;
    let f2 = f + broken;
    let note = '';
    if (broken) note += `, ${broken} suite(s) failed to run`;
    if (f2 === 0 && (result.success === false || (exitCode !== null && exitCode !== 0))) {
      f2 = 1;
      note +=
        result.numTotalTests === 0
          ? ', no tests ran: counted as 1 failed'
          : ', Jest reported failure or exited non-zero: counted as 1 failed';
    }
    passed += p;
    failed += f2;
    lines.push(`${label}: ${p} passed, ${f} failed${note}${exitNote}`);
  }
  if (extraFailed) lines.push(`other steps: ${extraFailed} failed`);

  for (const line of lines) console.log(line);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
