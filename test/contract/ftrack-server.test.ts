import { defineContractSuite } from './contract.js';

// The contract suite against a real ftrack server. Opt-in: it needs
// FTRACK_SERVER, FTRACK_API_USER and FTRACK_API_KEY; the write tests (they
// create and delete a Project, upload a file, run encode_media, and clean up)
// also need FTRACK_CONTRACT_WRITE=1. Without the variables nothing is
// registered and one line on stderr says so: no skipped or empty tests.

const server = process.env.FTRACK_SERVER;
const apiUser = process.env.FTRACK_API_USER;
const apiKey = process.env.FTRACK_API_KEY;

if (server && apiUser && apiKey) {
  const writable = process.env.FTRACK_CONTRACT_WRITE === '1';
  defineContractSuite(
    `real ftrack server${writable ? ' (with writes)' : ' (read-only)'}`,
    async () => ({ url: server.replace(/\/+$/, ''), apiUser, apiKey, close: async () => undefined, writable }),
    { writable },
  );
} else {
  process.stderr.write(
    'contract: the real-server contract run is off; set FTRACK_SERVER, FTRACK_API_USER and FTRACK_API_KEY to run it (and FTRACK_CONTRACT_WRITE=1 for the write tests)\n',
  );
}
