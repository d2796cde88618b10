// IndexedDB for store tests: fake-indexeddb implements the spec in memory.
import 'fake-indexeddb/auto';
