import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { SingleFlightCache } from '../cache/single-flight-cache';
import { AppConfig, CONFIG } from '../config/config';
import { JOB_QUEUE } from '../jobs/job-queue';

const TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * PostgreSQL is checked on a connection of its own, not one from the main pool: a pool busy
 * with long reads would otherwise make health wait and report PostgreSQL down while it is up.
 * The connection is opened on first check, kept, and replaced after any failure; concurrent
 * checks share one ping.
 */
@Injectable()
export class HealthRepository implements OnApplicationShutdown {
  private client: Promise<Client> | null = null;
  private readonly ping = new SingleFlightCache<boolean>(0);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: Queue,
  ) {}

  postgresUp(): Promise<boolean> {
    return this.ping.get('postgres', async () => {
      try {
        const client = await within(this.connection(), TIMEOUT_MS);
        await within(client.query('SELECT 1'), TIMEOUT_MS);
        return true;
      } catch {
        this.drop();
        return false;
      }
    });
  }

  async redisUp(): Promise<boolean> {
    try {
      return (await within(this.queue.client.ping(), TIMEOUT_MS)) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.then((c) => c.end()).catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (!this.client) {
      const client = new Client({
        connectionString: this.config.databaseUrl,
        application_name: 'onetrip-health',
        connectionTimeoutMillis: TIMEOUT_MS,
        statement_timeout: TIMEOUT_MS,
      });
      // A connection lost between checks: forget it; the next check opens a new one.
      client.on('error', () => this.drop());
      const connecting = client.connect().then(() => client);
      connecting.catch(() => undefined);
      this.client = connecting;
    }
    return this.client;
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    client?.then((c) => c.end()).catch(() => undefined);
  }
}
