import { Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/** A provider that exists only in some processes (the matcher's parts, replays, rate limits), or null where it does not. */
export function optionalProvider<T>(moduleRef: ModuleRef, token: Type<T> | string | symbol): T | null {
  try {
    return moduleRef.get<T>(token, { strict: false });
  } catch {
    return null;
  }
}

/** `optionalProvider`, looked up on first call (after start-up, when every module exists) and remembered. */
export function lazyOptionalProvider<T>(moduleRef: ModuleRef, token: Type<T> | string | symbol): () => T | null {
  let found: { readonly value: T | null } | undefined;
  return () => (found ??= { value: optionalProvider(moduleRef, token) }).value;
}
