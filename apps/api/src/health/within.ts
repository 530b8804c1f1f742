/** Resolves as `work` does, or rejects once `ms` have passed: a probe must answer even when a dependency hangs. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error's message for a probe's answer: our own messages and the drivers', never personal data. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
