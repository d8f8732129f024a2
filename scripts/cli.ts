// `npx fuhua <command> [options]`: one command for the project's tools. Each command is loaded only
// when asked for, so `fuhua token` answers without loading composition, the ORM or type-graphql.
// Output goes to stdout and nothing else does, so `fuhua token … | xargs` and `fuhua export … > x.csv` work.
const COMMANDS: Record<string, { summary: string; load: () => { run(args: string[]): Promise<void>; help: string } }> = {
  token: { summary: 'mint a development token', load: () => ({ run: require('./token').run, help: require('./token').TOKEN_HELP }) },
  export: { summary: "a scorecard, or any saved operation's list, as CSV, JSON or XLSX, through the running gateway", load: () => ({ run: require('./export').run, help: require('./export').EXPORT_HELP }) },
  compose: { summary: "print each subgraph's SDL and compose schema/supergraph.graphql (--check: fail when stale)", load: () => ({ run: require('./compose').run, help: require('./compose').COMPOSE_HELP }) },
  migration: { summary: "write a migration from a subgraph's entity changes", load: () => ({ run: require('./migration').run, help: require('./migration').MIGRATION_HELP }) },
};

const usage = () =>
  `usage: npx fuhua <command> [options]   (npx fuhua <command> --help for its options)\n\n` +
  Object.entries(COMMANDS)
    .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
    .join('\n');

async function main(argv: string[]) {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return void process.stdout.write(usage() + '\n');
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`fuhua: no command "${name}"\n\n${usage()}\n`);
    process.exit(2);
  }
  const { run, help } = command.load();
  if (args.includes('--help') || args.includes('-h')) return void process.stdout.write(help + '\n');
  await run(args);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`fuhua: ${error.message}\n`);
  process.exit(2);
});
