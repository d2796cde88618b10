// npm run verify -- <seance.json…>
//
// Checks a register from séance files (docs/decisions/005-signed-seals.md): each signature
// against the act and the device key the file carries, each seal's signature with the
// organisation's seal key, and the chain of seals (each seal holds the previous one's hash).
// Exit code 0 when intact, 1 otherwise, with one French line per problem, naming the séance and
// the signature or seal.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseSeanceFileText, type SeanceFile } from '../src/domain/seanceFile';
import { verifyRegister } from '../src/domain/verifyRegister';

export async function main(paths: string[]): Promise<number> {
  if (paths.length === 0) {
    console.error('Usage : npm run verify -- <seance.json> [autres fichiers…]');
    return 1;
  }
  const files: SeanceFile[] = [];
  for (const p of paths) {
    const parsed = parseSeanceFileText(await readFile(p, 'utf8'));
    if (!parsed.ok) {
      console.error(`Fichier de séance refusé (${p}) : ${parsed.message}`);
      return 1;
    }
    files.push(parsed.file);
  }
  const result = await verifyRegister(files);
  if (!result.ok) {
    for (const p of result.problems) console.error(p.message);
    return 1;
  }
  console.log(`Registre intègre : ${files.length} séance(s), ${result.sealed} scellée(s), ${result.signatures} signature(s) vérifiée(s).`);
  if (result.sealKeys.length > 0) {
    // The files carry their keys: the register is what these keys signed. Compare them with the
    // keys the server publishes (GET /api/keys).
    console.log(`Scellements signés par la clé de scellement ${result.sealKeys.join(', ')}.`);
  }
  if (result.unsignedSeals > 0) {
    console.log(`${result.unsignedSeals} scellement(s) antérieur(s) à la signature des scellements, garanti(s) par un scellement signé qui les suit.`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
