/** Each command module under `./commands/` exports `register(program)`; `run` is the default command. */
export const COMMAND_MODULES = ['run', 'server', 'encode', 'plugins', 'doctor', 'actions'] as const;

export type CommandName = (typeof COMMAND_MODULES)[number];

/**
 * Which command modules to load for these arguments (argv without node and
 * the script). Loading one module instead of all keeps start-up short: the
 * stand-in server, the browser bundler and the encoder are only imported by
 * the commands that use them. Top-level help and unknown words load every
 * module so commander can list them or report the mistake. A bare word
 * right after an option is taken as that option's value.
 */
export function commandsFor(args: readonly string[]): readonly CommandName[] {
  const isKnown = (word: string): word is CommandName => (COMMAND_MODULES as readonly string[]).includes(word);
  const index = args.findIndex((arg) => !arg.startsWith('-'));
  const first = index === -1 ? undefined : args[index];
  if (first !== undefined && isKnown(first)) return [first];
  const topLevelHelp = first === 'help' || args.includes('--help') || args.includes('-h');
  if (topLevelHelp) return COMMAND_MODULES;
  // No command word, or the first bare word is the value of an option
  // (`ftrack-host --server URL`): the default command, `run`.
  const firstIsOptionValue = index > 0 && args[index - 1]!.startsWith('-') && !args[index - 1]!.includes('=');
  if (first === undefined || firstIsOptionValue) return ['run'];
  return COMMAND_MODULES;
}
