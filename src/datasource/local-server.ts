import { serverAddress } from './server-address';
import type { DataSource } from './typeorm-types';

/**
 * Whether a server DataSource connects to this machine (a socket, localhost, a loopback
 * address): its server then shares our CPUs, so reads do not wait on a network.
 */
export function isLocalServer(dataSource: DataSource): boolean {
  const host = serverAddress(dataSource.options).host.toLowerCase();
  return host.startsWith('socket ') || host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
