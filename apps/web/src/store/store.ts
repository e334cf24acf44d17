export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

/**
 * The app's one store: a state object replaced (never mutated) by `set`, and listeners told of
 * each change. A `set` made while listeners run (a controller reacting to a change) is applied at
 * once and told after the current round, so every listener of a round sees the same state.
 */
export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  let told = initial;
  let notifying = false;
  const listeners = new Set<(state: S, previous: S) => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      if (notifying) return;
      notifying = true;
      try {
        while (told !== state) {
          const previous = told;
          const current = state;
          told = current;
          for (const listener of listeners) listener(current, previous);
        }
      } finally {
        notifying = false;
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
