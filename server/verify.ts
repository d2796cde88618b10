// npm run verify -- <seance.json…>
//
// Checks a register from séance files: the signatures' hashes against the acts, and the chain
// of seals (each seal holds the previous one's hash). Exit code 0 when intact, 1 otherwise,
// with a French message naming the séance where it breaks.
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
    console.error(result.message);
    return 1;
  }
  console.log(`Registre intègre : ${files.length} séance(s), ${result.sealed} scellée(s), ${result.signatures} signature(s) vérifiée(s).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
