/**
 * The CLI's commander in Chinese: every usage error commander raises (unknown command or option, missing
 * argument, invalid option value …) is printed in Chinese with exit code 2 (bad input, as the README
 * promises), and option values are parsed by parsers that name the option when a value is wrong.
 */
import { Command, InvalidArgumentError } from 'commander';

/** Translates commander's English usage messages (by their error code) into Chinese. */
export function chineseUsageMessage(message: string, code: string | undefined): string {
  const did = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  const hint = did ? `(是否想输入 ${did[1]}?)` : '';
  const q = (re: RegExp) => re.exec(message)?.[1] ?? '';
  switch (code) {
    case 'commander.unknownCommand':
      return `错误:未知命令“${q(/unknown command '([^']*)'/)}”${hint}。运行 zhenxing --help 查看全部命令`;
    case 'commander.unknownOption':
      return `错误:未知选项“${q(/unknown option '([^']*)'/)}”${hint}`;
    case 'commander.missingArgument':
      return `错误:缺少参数“${q(/argument '([^']*)'/)}”`;
    case 'commander.optionMissingArgument':
      return `错误:选项 ${q(/option '([^']*)'/)} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `错误:必须提供选项 ${q(/option '([^']*)'/)}`;
    case 'commander.excessArguments':
      return `错误:参数过多(${message.replace(/^error: /, '')})`;
    case 'commander.invalidArgument': {
      const opt = /option '([^']*)' argument '([^']*)' is invalid\. (.*)$/s.exec(message);
      if (opt) return `错误:选项 ${opt[1]} 的取值“${opt[2]}”无效:${opt[3]}`;
      const arg = /value '([^']*)' is invalid for argument '([^']*)'\. (.*)$/s.exec(message);
      if (arg) return `错误:参数 ${arg[2]} 的取值“${arg[1]}”无效:${arg[3]}`;
      return `错误:${message}`;
    }
    case 'commander.conflictingOption':
      return `错误:选项冲突(${message.replace(/^error: /, '')})`;
    default:
      return message.startsWith('error: ') ? `错误:${message.slice(7)}` : message;
  }
}

/** A commander Command whose usage errors are Chinese and exit with code 2; subcommands inherit it. */
export class ZxCommand extends Command {
  constructor(name?: string) {
    super(name);
    this.helpOption('-h, --help', '显示帮助');
  }
  override createCommand(name?: string): ZxCommand {
    return new ZxCommand(name);
  }
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const code = errorOptions?.code;
    // commander.error (a program's own call) keeps its exit code; usage errors are bad input (2)
    const usage = code !== undefined && code.startsWith('commander.') && code !== 'commander.error';
    return super.error(chineseUsageMessage(message, code), { ...errorOptions, exitCode: usage ? 2 : errorOptions?.exitCode });
  }
}

/** Option parser for a whole number (years, sizes, limits); the error names the option through commander. */
export function intOption(v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError('应为整数');
  return n;
}

/** Option parser for a decimal number such as an amount in yuan (no separators, no unit). */
export function numberOption(v: string): number {
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('应为数字(例如 7600 或 7600.5)');
  return n;
}
