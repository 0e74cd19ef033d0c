import { startStandin } from '../helpers/standin.js';
import { defineContractSuite } from './contract.js';

// The contract suite against the stand-in server (127.0.0.1, port 0,
// temporary data dir), with the write tests: always runs.
defineContractSuite(
  'stand-in',
  async () => {
    const server = await startStandin();
    return { url: server.url, apiUser: server.apiUser, apiKey: server.apiKey, close: () => server.close(), writable: true };
  },
  { writable: true },
);
