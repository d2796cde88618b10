import { pushMeasures } from './sync';

/*
 * The push measure in a process of its own (bench/run.ts starts it): after the document
 * measures, the same process carries their heap, and the push, which allocates, paid for it in
 * collections while the raw insert, which hardly allocates, did not (2.62x and 2.75x alone,
 * 3.05x and 2.84x after them, same machine, same code). Prints the measures as JSON.
 */
process.stdout.write(JSON.stringify(await pushMeasures()));
