/**
 * Runs `write` over `items` in batches of `size`, `writers` batches at once: each writer takes the next
 * batch when its last is done. With one connection per writer, the database's share of a bulk write
 * (text vectors, index upkeep) uses as many cores.
 */
export async function inBatches<T>(
  items: T[],
  opts: { size: number; writers: number },
  write: (batch: T[]) => Promise<void>,
): Promise<void> {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += opts.size) batches.push(items.slice(i, i + opts.size));
  const writer = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await write(batch);
  };
  await Promise.all(Array.from({ length: opts.writers }, writer));
}
