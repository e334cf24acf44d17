/**
 * How onetrip starts the machine's Chromium headless (the report's PDF, the browser tests): no
 * sandbox (root in containers), and none of the background connections a closed network refuses.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
