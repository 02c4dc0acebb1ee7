#!/usr/bin/env node
// check_fidelity.mjs THRESHOLDS.json FIDELITY.json - asserts what tests/extract/thresholds.json asks
// of the figures fidelity.mjs --json wrote (all documents together, per reader). Prints one line per
// failed assertion and exits 1 when there is any; prints the per-reader totals either way.
import { readFileSync } from 'node:fs';

const [want, rows] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const readers = {};
for (const r of rows) {
  const t = readers[r.reader] ??= { words: 0, total: 0, scripts: {}, inline: 0, emoji: 0, fffd: 0 };
  for (const [script, b] of Object.entries(r.by)) {
    t.words += b.found;
    t.total += b.total;
    t.scripts[script] = (t.scripts[script] || 0) + b.found;
  }
  t.inline += r.em.inline;
  t.emoji += r.em.total;
  t.fffd += r.fffd;
}

const failures = [];
const check = (ok, message) => ok || failures.push(message);
for (const [reader, t] of Object.entries(readers)) {
  console.log(`${reader}: ${t.words}/${t.total} words, ${t.inline}/${t.emoji} emoji inline, ${t.fffd} U+FFFD`);
  // The thresholds are counts of a known text: a changed test thread must change them knowingly.
  check(t.total === want.words_total, `${reader}: ${t.total} words expected, thresholds.json says ${want.words_total}`);
  check(t.emoji === want.emoji_total, `${reader}: ${t.emoji} emoji expected, thresholds.json says ${want.emoji_total}`);
  const min = want.min_words?.[reader];
  if (min !== undefined) check(t.words >= min, `${reader}: ${t.words} words found, at least ${min} wanted`);
  const inline = want.min_emoji_inline?.[reader];
  if (inline !== undefined)
    check(t.inline >= inline, `${reader}: ${t.inline} of ${t.emoji} emoji inline and whole, at least ${inline} wanted`);
  const fffd = want.max_fffd?.[reader];
  if (fffd !== undefined) check(t.fffd <= fffd, `${reader}: ${t.fffd} U+FFFD in the extracted text, at most ${fffd} wanted`);
  for (const [script, before] of Object.entries(want.baseline?.[reader] ?? {}))
    check((t.scripts[script] || 0) >= before,
          `${reader}: ${t.scripts[script] || 0} ${script} words found, ${before} before (${want.baseline_date})`);
}
for (const reader of Object.keys(want.min_words ?? {}))
  check(readers[reader], `${reader}: not measured`);
for (const f of failures) console.error('FAIL ' + f);
process.exit(failures.length ? 1 : 0);
