/** Waits until text read from an output matches a pattern (30 s at most), for tests of streamed output. */
export async function untilOutput(read: () => string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
