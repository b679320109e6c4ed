import type { ClientAdapter, ClientHandlers } from '../../src/adapters/types';

/** An adapter around another whose handlers are rewritten: a way to build misbehaving clients for tests. */
export function tampered(inner: ClientAdapter, rewrite: (handlers: ClientHandlers) => ClientHandlers): ClientAdapter {
  return {
    name: `${inner.name}-tampered`,
    transports: inner.transports,
    connect: (target, setup, handlers) => inner.connect(target, setup, rewrite(handlers)),
  };
}
