import type { FieldPath } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";

/** Maps a path under a context root (values, release, cluster) to where it was written. */
export type ResolveOrigin = (path: FieldPath) => SourceRef | undefined;

const RAW = Symbol("kforge.raw");

export interface Access {
  value: unknown;
  path: FieldPath;
  resolve: ResolveOrigin;
}

/**
 * Wraps the template context in read-only proxies that remember which values a template read,
 * so that an interpolated value can be traced to the values entry that wrote it.
 */
export class ValueTracker {
  private accesses: Access[] = [];
  /** Index of the first read made after the last emitted value. */
  private sinceEmit = 0;
  private readonly proxies = new WeakMap<object, object>();

  wrap<T>(value: T, resolve: ResolveOrigin, path: FieldPath = []): T {
    if (value === null || typeof value !== "object") return value;
    const cached = this.proxies.get(value as object);
    if (cached) return cached as T;
    const tracker = this;
    const proxy = new Proxy(value as object, {
      get(target, key, receiver) {
        if (key === RAW) return target;
        if (typeof key === "symbol" || !Object.prototype.hasOwnProperty.call(target, key)) return Reflect.get(target, key, receiver);
        const child = (target as Record<string, unknown>)[key];
        const childPath = [...path, Array.isArray(target) ? Number(key) : key];
        tracker.record({ value: child, path: childPath, resolve });
        return tracker.wrap(child, resolve, childPath);
      },
      set: () => false,
      deleteProperty: () => false,
      defineProperty: () => false,
    });
    this.proxies.set(value as object, proxy);
    return proxy as T;
  }

  private record(access: Access): void {
    this.accesses.push(access);
    if (this.accesses.length > 256) {
      this.accesses.shift();
      this.sinceEmit = Math.max(0, this.sinceEmit - 1);
    }
  }

  /**
   * The read behind a value about to be written: the most recent read of that very value (`this`
   * inside `#each` was read by the loop, earlier), else the most recent scalar read since the
   * last written value (a helper such as `image` or `concat` transformed it).
   */
  takeRead(emitted: unknown): Access | undefined {
    const raw = unwrap(emitted);
    const reads = this.accesses;
    const since = this.sinceEmit;
    this.sinceEmit = reads.length;
    for (let i = reads.length - 1; i >= 0; i--) if (reads[i].value === raw) return reads[i];
    for (let i = reads.length - 1; i >= since; i--) {
      if (reads[i].value === null || typeof reads[i].value !== "object") return reads[i];
    }
    return undefined;
  }
}

/** The plain data behind a tracked proxy (or the value itself). */
export function unwrap<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    const raw = (value as Record<symbol, unknown>)[RAW];
    if (raw) return raw as T;
  }
  return value;
}
