/**
 * The `zhenxing` command line (commander): thin adapters over the same services as the HTTP API.
 * Errors print their Chinese message on stderr and exit 2 for bad input, 1 otherwise.
 */
import { Command } from 'commander';
import { AppError } from '../server/errors';
import { registerAdminCommands, exitCodeOf } from './commands/admin';
import { startCommand } from './commands/start';
import { registerIntakeCommands } from './commands/intake';
import { registerCaseCommands } from './commands/cases';
import { registerAccountCommands } from './commands/accounts';

const program = new Command();
program.name('zhenxing').description('振兴:国家乡村振兴重点帮扶县防止返贫监测平台').showHelpAfterError();
program.command('start').description('启动服务(内置 SQLite;首次运行载入区划并生成演示数据)').action(startCommand);
registerAdminCommands(program);
registerIntakeCommands(program);
registerCaseCommands(program);
registerAccountCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof AppError) {
    process.stderr.write(`错误[${e.code}]:${e.message}\n`);
  } else {
    process.stderr.write(`错误:${(e as Error).message}\n`);
    if (process.env.ZX_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  }
  process.exit(exitCodeOf(e));
});
