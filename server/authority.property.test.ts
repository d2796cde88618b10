import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ATTACKS, openWorld, runScenario, type Net, type Step, type Who, type World } from './authorityScenario';
import { adapters, postgresAvailable } from './testing';

/*
 * Property: whatever three honest devices and a hostile client do, in whatever order, with
 * answers lost and requests sent twice, the register holds together (server/authorityScenario.ts
 * says what each step does and what is checked after each run: sealed content unchanged, every
 * signature its signer's and valid, registry numbers unique, every vote adding up, every
 * device's copy the server's records).
 *
 * Seeded: the runs are the same on every machine. A failure prints its seed and path; replay it
 * with FC_SEED=<seed> (all runs again, in order: the runs share one database, so a run may depend
 * on the ones before it), or FC_SEED=<seed> FC_PATH=<path> for that run alone. FC_SHRINK=1 shrinks
 * the failing run to fewer steps (slow: every attempt is a run against the real app); by default
 * the first failure is reported as it is. FC_RUNS=<n> runs more.
 *
 * On SQLite and, when it is reachable, on PostgreSQL: a run costs some 60 ms on SQLite and 200 ms
 * on PostgreSQL, so both stay within a few seconds.
 */

const pgUp = await postgresAvailable();
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20111107;
const PATH = process.env.FC_PATH;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : undefined;

/** Now and then: stale state, a lost answer, a request sent twice. */
const rarely = fc.nat({ max: 5 }).map((n) => n === 0);
const net: fc.Arbitrary<Net> = fc.record({ stale: rarely, drop: rarely, dup: rarely });
const who: fc.Arbitrary<Who> = fc.constantFrom(0 as const, 1 as const, 2 as const);
const pick = fc.nat({ max: 1000 });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('open' as const), who, day: fc.constantFrom(0 as const, 1 as const), items: fc.constantFrom(1 as const, 2 as const), absent: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }), net }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('advance' as const), who, pick, net }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('vote' as const), who, pick, share: fc.integer({ min: 0, max: 10 }), net }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('close' as const), who, pick, net }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('sign' as const), who: fc.constantFrom(1 as const, 2 as const), pick, net }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('seal' as const), who, pick, net }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('correct' as const, 'cancel' as const, 'publish' as const), who, pick, net }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('presence' as const), who, pick, member: fc.nat({ max: 6 }), net }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('attack' as const), attack: fc.constantFrom(...ATTACKS), pick, other: pick }) },
);
const scenario = fc.array(step, { minLength: 20, maxLength: 45 });

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`the register under honest and hostile devices, on ${adapter.name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await openWorld(adapter.open);
    });
    afterAll(async () => world.db.close());

    it('holds together after any sequence of lawful and hostile commands, lost answers and repeated requests', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, (steps) => runScenario(world, steps)),
        {
          seed: SEED,
          numRuns: RUNS ?? (adapter.name === 'sqlite' ? 25 : 12),
          endOnFailure: !process.env.FC_SHRINK,
          ...(PATH ? { path: PATH } : {}),
        },
      );
    }, 120_000);
  });
}
