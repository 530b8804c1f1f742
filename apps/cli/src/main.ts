import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigurationError } from '@sleutel/config';
import { CliError } from './cli-error';

/**
 * The operator commands of SPEC §9, each in a module of its own, loaded only
 * when it is the one run: `token` need not load Nest, the event stores and the
 * seed's generators (about 1.2 s of start-up, 0.5 s without them).
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  token: async () => (await import('./commands/token.command')).tokenCommand(),
  seed: async () => (await import('./commands/seed.command')).seedCommand(),
  assign: async () => (await import('./commands/assign.command')).assignCommand(),
  audit: async () => (await import('./commands/audit.command')).auditCommand(),
  keys: async () => (await import('./commands/keys.command')).keysCommand(),
};

/**
 * `npm run cli -- <command>`. `argv` is `process.argv`: when its first word
 * names a command, only that command is loaded; otherwise (`--help`, `help`,
 * nothing, a misspelt name) all of them, so that the help lists every command
 * and commander can suggest the nearest name.
 */
export async function cli(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('sleutel').description('sleutel operator commands').showHelpAfterError();
  const named = argv[2];
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of names) program.addCommand(await COMMANDS[name]());
  return program;
}

if (require.main === module) {
  cli()
    .then((program) => program.parseAsync(process.argv))
    .catch((error: unknown) => {
      console.error(error instanceof ConfigurationError || error instanceof CliError ? error.message : error);
      process.exit(1);
    });
}
