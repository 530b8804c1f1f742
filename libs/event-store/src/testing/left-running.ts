import { createHook } from 'node:async_hooks';

/** What keeps a process alive: timers, sockets, servers, child processes, threads, signal handlers. */
const KEEPS_ALIVE = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'PIPESERVERWRAP', 'PROCESSWRAP', 'WORKER', 'SIGNALWRAP', 'UDPWRAP', 'FSEVENTWRAP', 'STATWATCHER']);

/**
 * What `work` started that still keeps the process alive once it has settled
 * and `graceMs` have passed (a socket's close takes a turn or two): one kind
 * per line, with the stack that started it. What was unref'd is left out, as
 * it does not hold the process either.
 */
export async function leftRunning(work: () => Promise<void>, graceMs = 1_000): Promise<string[]> {
  const started = new Map<number, { readonly kind: string; readonly resource: WeakRef<object>; readonly stack: string }>();
  let watching = true;
  const hook = createHook({
    init: (id, kind, _trigger, resource) => {
      if (watching && KEEPS_ALIVE.has(kind)) started.set(id, { kind, resource: new WeakRef(resource), stack: new Error().stack ?? '' });
    },
    destroy: (id) => void started.delete(id),
  }).enable();
  const running = (): string[] =>
    [...started.values()]
      .filter(({ resource }) => {
        const handle = resource.deref() as { hasRef?: () => boolean } | undefined;
        return handle !== undefined && handle.hasRef?.() !== false;
      })
      .map(({ kind, stack }) => `${kind} ${stack.split('\n').filter((line) => /^\s+at /.test(line) && !line.includes('node:')).slice(0, 6).join(' ')}`);
  try {
    await work();
    watching = false;
    const deadline = Date.now() + graceMs;
    while (running().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return running();
  } finally {
    hook.disable();
  }
}
