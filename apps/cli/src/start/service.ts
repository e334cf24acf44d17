/** Something `onetrip start` started and must stop again on Ctrl-C. */
export interface Service {
  /** Connection URL for the other processes. */
  url: string;
  stop(): Promise<void>;
}
