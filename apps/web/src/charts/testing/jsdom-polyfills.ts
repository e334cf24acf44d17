/**
 * jsdom (Jest's `web` environment) lacks `structuredClone`, which dagre's ordering step uses;
 * browsers and Node have it. Node's v8 serializer implements the same structured clone algorithm.
 */
import { TextDecoder as NodeTextDecoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
}

/** jsdom lacks TextDecoder (the limit table upload decodes files with it); Node's is the same. */
if (typeof globalThis.TextDecoder !== 'function') {
  globalThis.TextDecoder = NodeTextDecoder as unknown as typeof globalThis.TextDecoder;
}
