import { cli } from './main';

const ALL = ['token', 'seed', 'assign', 'audit', 'keys'];
const commandsFor = async (...words: string[]) => (await cli(['node', 'main.js', ...words])).commands.map((command) => command.name());

describe('cli', () => {
  it('loads only the command named first', async () => {
    expect(await commandsFor('token', '--role', 'intake', '--sub', 'anna')).toEqual(['token']);
    expect(await commandsFor('audit', 'verify')).toEqual(['audit']);
  });

  it('loads every command, in order, for the help, for nothing and for a name it does not know', async () => {
    for (const words of [['--help'], ['help', 'token'], [], ['tokn'], ['constructor']]) expect(await commandsFor(...words)).toEqual(ALL);
  });
});
