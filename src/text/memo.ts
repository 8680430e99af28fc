// Results of pure functions of short strings (titles, names), kept across documents: an archive repeats the
// same few hundred titles and names thousands of times.

/** `fn` with its results cached by argument; the cache starts over past `max` entries, so memory stays bounded. */
export function memoize<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      if (cache.size >= max) cache.clear();
      cache.set(s, v = fn(s));
    }
    return v as T;
  };
}
