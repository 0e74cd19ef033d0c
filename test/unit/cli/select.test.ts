import assert from 'node:assert/strict';
import { COMMAND_MODULES, commandsFor } from '../../../src/cli/select.js';

describe('cli - command module selection', () => {
  it('loads only the named command', () => {
    assert.deepEqual(commandsFor(['server', '--port', '0']), ['server']);
    assert.deepEqual(commandsFor(['actions', 'discover', '--selection', 'Component:1']), ['actions']);
    assert.deepEqual(commandsFor(['--log-level', 'debug', 'run']), ['run']);
  });

  it('runs the default command when no command is named', () => {
    assert.deepEqual(commandsFor([]), ['run']);
    assert.deepEqual(commandsFor(['--version']), ['run']);
  });

  it('loads every command for top-level help and for unknown words', () => {
    assert.deepEqual(commandsFor(['--help']), COMMAND_MODULES);
    assert.deepEqual(commandsFor(['help']), COMMAND_MODULES);
    assert.deepEqual(commandsFor(['bogus']), COMMAND_MODULES);
    assert.deepEqual(commandsFor(['--pretty', 'bogus']), ['run']);
  });

  it('takes a bare word after an option as its value (default command with options)', () => {
    assert.deepEqual(commandsFor(['--server', 'http://127.0.0.1:1', '--api-user', 'demo']), ['run']);
    assert.deepEqual(commandsFor(['--server=http://127.0.0.1:1', 'bogus']), COMMAND_MODULES);
  });
});
