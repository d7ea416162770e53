import type { DbOrTx } from '../../db/client.js';
import type { Reply } from './types.js';

/**
 * Speech hints that are the same for every caller (the location step's 500 Baltimore places,
 * read once from seed data). Each turn is stored so a retried webhook gets the same TwiML; with
 * the phrases inline, every location prompt stored 5 to 11 KB of the same words. A turn now
 * stores the list's name, and a replay reads the list again (the same seed gives the same list).
 */
export type HintLoader = (db: DbOrTx) => Promise<string[]>;

const loaders = new Map<string, HintLoader>();
const names = new WeakMap<readonly string[], string>();

/** A stored turn: a reply whose gather may name a shared hint list instead of holding it. */
export type StoredReply = Omit<Reply, 'gather'> & { gather?: NonNullable<Reply['gather']> & { sharedHints?: string } };

/** Registers a shared list under `name`; the returned loader marks what it loads as that list. */
export function shareHints(name: string, load: HintLoader): HintLoader {
  const loader: HintLoader = async (db) => {
    const hints = await load(db);
    names.set(hints, name);
    return hints;
  };
  loaders.set(name, loader);
  return loader;
}

/** The reply as stored: a shared list becomes its name. */
export function packReply(reply: Reply): StoredReply {
  const hints = reply.gather?.hints;
  const name = hints && names.get(hints);
  if (!name) return reply;
  const { hints: _shared, ...gather } = reply.gather!;
  return { ...reply, gather: { ...gather, sharedHints: name } };
}

/** The reply as given: a named list is loaded again (cached by its owner after the first time). */
export async function unpackReply(db: DbOrTx, stored: StoredReply): Promise<Reply> {
  const name = stored.gather?.sharedHints;
  if (!name) return stored as Reply;
  const { sharedHints: _name, ...gather } = stored.gather!;
  const loader = loaders.get(name);
  // A list no longer registered: the prompt is replayed without hints, which only help recognition.
  const hints = loader ? await loader(db) : undefined;
  return { ...stored, gather: { ...gather, ...(hints ? { hints } : {}) } };
}
