import { presenceBench } from './presence';
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
  return results;
};
document.getElementById('state')!.textContent = 'prêt';
