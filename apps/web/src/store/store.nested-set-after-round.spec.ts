import { createStore } from './store';

describe('the store', () => {
  it('tells every listener of a round the same state, and a set made meanwhile after it', () => {
    const store = createStore({ count: 0, seeded: false });
    const told: string[] = [];
    store.subscribe((state, previous) => {
      told.push(`first ${previous.count}->${state.count} ${String(state.seeded)}`);
      // A controller reacting to a change: seeds once.
      if (state.count === 1 && !state.seeded) store.set({ seeded: true });
    });
    store.subscribe((state, previous) => {
      told.push(`second ${previous.count}->${state.count} ${String(state.seeded)}`);
    });
    store.set({ count: 1 });
    expect(told).toEqual([
      'first 0->1 false',
      'second 0->1 false',
      'first 1->1 true',
      'second 1->1 true',
    ]);
    expect(store.get()).toEqual({ count: 1, seeded: true });
  });

  it('stops telling a listener that unsubscribed', () => {
    const store = createStore({ n: 0 });
    const seen: number[] = [];
    const stop = store.subscribe((state) => seen.push(state.n));
    store.set({ n: 1 });
    stop();
    store.set({ n: 2 });
    expect(seen).toEqual([1]);
  });
});
