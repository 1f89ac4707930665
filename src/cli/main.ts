/**
 * The `zhenxing` command line (commander): thin adapters over the same services as the HTTP API.
 * Errors print their Chinese message on stderr and exit 2 for bad input, 1 otherwise.
 */
import { ZxCommand } from './command';
import { AppError } from '../server/errors';
import { registerAdminCommands, exitCodeOf } from './commands/admin';
import { startCommand } from './commands/start';
import { registerIntakeCommands } from './commands/intake';
import { registerPlaceCommands } from './commands/places';
import { registerCaseCommands } from './commands/cases';
import { registerAccountCommands } from './commands/accounts';
import { registerProcedureCommands } from './commands/procedures';
import { registerIndicatorCommands } from './commands/indicators';

const program = new ZxCommand();
program.name('zhenxing').description('振兴:国家乡村振兴重点帮扶县防止返贫监测平台').showHelpAfterError();
// on the root only: commander builds the help command with createCommand, which would recurse from the constructor
program.helpCommand('help [command]', '显示某个命令的帮助');
program.command('start').description('启动服务(内置 SQLite;首次运行载入区划并生成演示数据)').action(startCommand);
registerAdminCommands(program);
registerIntakeCommands(program);
registerPlaceCommands(program);
registerCaseCommands(program);
registerAccountCommands(program);
registerProcedureCommands(program);
registerIndicatorCommands(program);

/** A file the user named that cannot be read is bad input (exit 2) with the path in Chinese, never a raw ENOENT. */
function fileSystemMessage(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  const path = err?.path ?? '';
  switch (err?.code) {
    case 'ENOENT':
      return `找不到文件或目录:${path}`;
    case 'EACCES':
    case 'EPERM':
      return `没有读写权限:${path}`;
    case 'EISDIR':
      return `应为文件,但这是一个目录:${path}`;
    case 'ENOTDIR':
      return `路径中有一段不是目录:${path}`;
    default:
      return null;
  }
}

program.parseAsync(process.argv).catch((e: unknown) => {
  const fsError = fileSystemMessage(e);
  if (e instanceof AppError) {
    process.stderr.write(`错误[${e.code}]:${e.message}\n`);
  } else if (fsError) {
    process.stderr.write(`错误[bad_input]:${fsError}\n`);
    process.exit(2);
  } else {
    process.stderr.write(`错误:${(e as Error).message}\n`);
    if (process.env.ZX_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  }
  process.exit(exitCodeOf(e));
});
