import { documentsBench } from './documents';
import { pouchBench, type SyncBenchSetup } from './pouch';
import { presenceBench } from './presence';
import { pullBench } from './pull';
import type { Sample } from './stats';

/** Entry of the in-browser benches: bench/browser.ts drives it in Chromium and reads the results. */
declare global {
  interface Window {
    runBenches: (sync: SyncBenchSetup) => Promise<Sample[]>;
  }
}

window.runBenches = async (sync) => {
  const results: Sample[] = [];
  results.push(...(await presenceBench()));
  results.push(...(await documentsBench()));
  results.push(...(await pullBench()));
  results.push(...(await pouchBench(sync)));
  return results;
};
document.getElementById('state')!.textContent = 'prêt';
