// Child side of the fuzz watchdog: builds the seeds, runs one campaign, and writes the index of each input before it runs.
// Usage (by tools/fuzz-watchdog.ts): node --import tsx tools/fuzz-worker.ts '<CampaignOptions as JSON>'
import { writeSync } from 'node:fs';
import { runFuzzCampaign, type CampaignOptions } from '../src/core/fuzz/campaign.ts';
import { loadFuzzSeeds, profileParser } from './fuzz-subjects.ts';

const STDOUT = 1;

const options = JSON.parse(process.argv[2]) as CampaignOptions;
const seeds = loadFuzzSeeds();
// Written synchronously: a loader stuck in a loop never lets asynchronous output through.
const report = runFuzzCampaign(seeds, { ...options, parseProfile: profileParser, onInput: (index) => writeSync(STDOUT, `input ${index}\n`) });
writeSync(STDOUT, `report ${JSON.stringify({ ...report, reasons: [...report.reasons] })}\n`);
