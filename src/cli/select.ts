/** Each command module under `./commands/` exports `register(program)`; `run` is the default command. */
export const COMMAND_MODULES = ['run', 'server', 'encode', 'plugins', 'doctor', 'actions'] as const;

export type CommandName = (typeof COMMAND_MODULES)[number];

/**
 * Which command modules to load for these arguments (argv without node and
 * the script). Loading one module instead of all keeps start-up short: the
 * stand-in server, the browser bundler and the encoder are only imported by
 * the commands that use them. Top-level help and unknown words load every
 * module so commander can list them or report the mistake.
 */
export function commandsFor(args: readonly string[]): readonly CommandName[] {
  const isKnown = (word: string): word is CommandName => (COMMAND_MODULES as readonly string[]).includes(word);
  const first = args.find((arg) => !arg.startsWith('-'));
  if (first !== undefined && isKnown(first)) return [first];
  const topLevelHelp = first === 'help' || args.includes('--help') || args.includes('-h');
  if (first === undefined && !topLevelHelp) return ['run'];
  return COMMAND_MODULES;
}
