// Child side of the fuzz watchdog: builds the seeds, runs one campaign, and writes the index of each input before it runs.
// Usage (by tools/fuzz-watchdog.ts): node --import tsx tools/fuzz-worker.ts '<CampaignOptions as JSON>'
import { readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFuzzCampaign, type CampaignOptions } from '../src/core/fuzz/campaign.ts';
import { buildFuzzSeeds } from '../src/core/fuzz/seeds.ts';

const SHIPPED_MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models', 'gesture_model.json');
const STDOUT = 1;

const options = JSON.parse(process.argv[2]) as CampaignOptions;
const seeds = buildFuzzSeeds(readFileSync(SHIPPED_MODEL, 'utf8'));
// Written synchronously: a loader stuck in a loop never lets asynchronous output through.
const report = runFuzzCampaign(seeds, { ...options, onInput: (index) => writeSync(STDOUT, `input ${index}\n`) });
writeSync(STDOUT, `report ${JSON.stringify({ ...report, reasons: [...report.reasons] })}\n`);
