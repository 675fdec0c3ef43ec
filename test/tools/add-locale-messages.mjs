// Adds strings to public/_locales/en/messages.json without clobbering others' concurrent additions:
// `node test/tools/add-locale-messages.mjs path/to/new-keys.json` (an object of { key: { message, description? } }).
// Existing keys are replaced, others kept, order preserved.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const target = new URL('../../public/_locales/en/messages.json', import.meta.url);
const additions = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const current = JSON.parse(readFileSync(target, 'utf8'));
const merged = { ...current, ...additions };
const temp = new URL(`messages.json.${process.pid}.tmp`, target);
writeFileSync(temp, JSON.stringify(merged, null, 2) + '\n');
renameSync(temp, target);
console.log(`${Object.keys(additions).length} strings merged; ${Object.keys(merged).length} in all`);
