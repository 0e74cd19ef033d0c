/**
 * Test support: waits for a condition by polling (never for a fixed time), so
 * tests stay correct on a slow or loaded machine.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
