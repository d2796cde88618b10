// Canonical JSON in the style of RFC 8785 (JSON Canonicalization Scheme) and its SHA-256.
// The same logical value must always hash the same, whatever key order or engine produced it,
// so that a sealed deliberation can be re-verified later.
//
// JSON.stringify already emits JCS-conformant strings (minimal escaping, \u00XX for other
// control characters) and ECMAScript shortest round-trip numbers, so only key ordering,
// whitespace and the rejection of values JSON would silently coerce are handled here.

function fail(message: string): never {
  throw new TypeError(`canonicalJson : ${message}`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serialise(value: unknown, ancestors: Set<object>, path: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // JSON.stringify would write NaN/Infinity as null: refuse rather than hash a lie.
    if (!Number.isFinite(value)) fail(`nombre non fini à ${path}`);
    return JSON.stringify(value); // -0 becomes "0", as JCS requires
  }
  // undefined, bigint, symbol, function: JSON drops, nulls or throws on these inconsistently.
  if (typeof value !== 'object') fail(`valeur de type ${typeof value} non sérialisable à ${path}`);

  // Dates and other toJSON-aware values: serialise what JSON.stringify would.
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    return serialise((withToJson.toJSON as () => unknown)(), ancestors, path);
  }

  // Only ancestors count: the same object shared twice (a DAG) is fine, a cycle is not.
  if (ancestors.has(value)) fail(`référence circulaire à ${path}`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // Arrays keep their order; undefined/holes are rejected instead of becoming null.
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(serialise(value[i], ancestors, `${path}[${i}]`));
      return `[${items.join(',')}]`;
    }
    // Map, Set, class instances… would serialise as "{}" and silently lose data.
    if (!isPlainObject(value)) fail(`objet non simple à ${path}`);
    // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 prescribes.
    const keys = Object.keys(value).sort();
    const members: string[] = [];
    for (const key of keys) {
      const member = value[key];
      if (member === undefined) continue; // omitted, as JSON.stringify does
      members.push(`${JSON.stringify(key)}:${serialise(member, ancestors, `${path}.${key}`)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/** Deterministic JSON text: sorted keys, no whitespace; throws TypeError on non-JSON data. */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set(), '$');
}

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): Promise<string> {
  return sha256OfBytes(new TextEncoder().encode(text));
}

/** SHA-256 of bytes (a file), in lower-case hex: what files are named by on the server. */
export async function sha256OfBytes(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the canonical JSON of `value`. */
export function canonicalHash(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}
