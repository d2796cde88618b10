import { documentsBench } from './documents';
import { presenceBench } from './presence';
import { pullBench } from './pull';
import type { Sample } from './stats';

/** Entry of the in-browser benches: bench/browser.ts drives it in Chromium and reads the results. */
declare global {
  interface Window {
    runBenches: () => Promise<Sample[]>;
  }
}

window.runBenches = async () => {
  const results: Sample[] = [];
  results.push(...(await presenceBench()));
  results.push(...(await documentsBench()));
  results.push(...(await pullBench()));
  return results;
};
document.getElementById('state')!.textContent = 'prêt';
