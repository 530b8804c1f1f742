import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigurationError } from '@sleutel/config';
import { CliError } from './cli-error';
import { tokenCommand } from './commands/token.command';
import { seedCommand } from './commands/seed.command';
import { assignCommand } from './commands/assign.command';
import { auditCommand } from './commands/audit.command';
import { keysCommand } from './commands/keys.command';

/** `npm run cli -- <command>`: the operator commands of SPEC §9. */
export function cli(): Command {
  return new Command('sleutel')
    .description('sleutel operator commands')
    .showHelpAfterError()
    .addCommand(tokenCommand())
    .addCommand(seedCommand())
    .addCommand(assignCommand())
    .addCommand(auditCommand())
    .addCommand(keysCommand());
}

if (require.main === module) {
  cli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      console.error(error instanceof ConfigurationError || error instanceof CliError ? error.message : error);
      process.exit(1);
    });
}
