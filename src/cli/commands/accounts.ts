/**
 * Operator commands of accounts, audit and keys:
 * - `zhenxing user create --admin --username NAME [--region CODE] [--roles r1,r2]` prints a one-time
 *   password (changed at first sign-in). `--admin` adds the administrator role.
 * - `zhenxing audit verify` walks the hash chain; exit 1 and the first broken entry's id when broken.
 * - `zhenxing keys rotate` re-encrypts every ID number under a new master key (see README: the new key
 *   comes from ZX_NEW_ID_KEY, or is generated into the data folder's id.key on the embedded default).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { openRuntime, type Runtime } from '../../server/bootstrap';
import { validationError } from '../../server/errors';
import { ROLES } from '../../server/domain/permissions';
import { systemActor, type Role } from '../../server/services/actor';

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const cliActor = () => systemActor(`cli:${userInfo().username}`);

export function registerAccountCommands(program: Command): void {
  const user = program.command('user').description('用户账号');
  user
    .command('create')
    .description('创建用户并打印一次性密码(首次登录须修改)')
    .requiredOption('--username <name>', '用户名')
    .option('--admin', '管理员')
    .option('--region <code>', '所在区划代码(省2位至村12位;不填为全国)')
    .option('--roles <list>', `其他角色,逗号分隔:${ROLES.join(',')}`)
    .action(async (o: { username: string; admin?: boolean; region?: string; roles?: string }) =>
      withRuntime(async (rt) => {
        const roles = [...(o.admin ? ['admin'] : []), ...(o.roles ? o.roles.split(',').map((r) => r.trim()).filter(Boolean) : [])];
        if (!roles.length) throw validationError([{ field: '--roles', message: '请用 --admin 或 --roles 指定至少一个角色' }]);
        const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
        if (bad.length) throw validationError([{ field: '--roles', message: `未知角色 ${bad.join(',')};可选 ${ROLES.join(',')}` }]);
        await rt.services.regions.ensureReferenceData();
        const { user: u, oneTimePassword } = await rt.services.accounts.createUser(cliActor(), { username: o.username, regionCode: o.region ?? null, roles: roles as Role[] });
        console.log(`已创建用户 ${u.username}(${u.regionCode ?? '全国'},角色 ${u.roles.join(',')})\n一次性密码:${oneTimePassword}\n首次登录后须修改密码;此密码不会再次显示。`);
      }),
    );

  program
    .command('audit')
    .description('审计日志')
    .command('verify')
    .description('逐条校验审计日志哈希链,报告第一条被改动或删除的记录')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await rt.services.audit.verify();
        if (o.json) console.log(JSON.stringify(r));
        else if (r.firstBrokenId !== null) console.log(`审计日志链断裂:第一条异常记录 id=${r.firstBrokenId}(之前 ${r.checked} 条完好)`);
        else if (!r.headMatches) console.log(`已校验 ${r.checked} 条,链完整,但链头与最后一条不符:末尾记录可能被删除`);
        else console.log(`审计日志完整:已校验 ${r.checked} 条`);
        if (r.firstBrokenId !== null || !r.headMatches) process.exitCode = 1;
      }),
    );

  program
    .command('keys')
    .description('身份证号加密密钥')
    .command('rotate')
    .description('用新密钥重新加密全部身份证号并重算检索哈希(一个事务,失败则不变)')
    .action(async () =>
      withRuntime(async (rt) => {
        const supplied = process.env.ZX_NEW_ID_KEY;
        if (supplied !== undefined && !/^[0-9a-fA-F]{64}$/.test(supplied)) throw validationError([{ field: 'ZX_NEW_ID_KEY', message: '应为64位十六进制字符(32字节)' }]);
        if (!supplied && rt.config.idKeyHex) throw validationError([{ field: 'ZX_NEW_ID_KEY', message: '已通过 ZX_ID_KEY 配置密钥时,须用 ZX_NEW_ID_KEY 提供新密钥' }]);
        const newKey = supplied ? Buffer.from(supplied, 'hex') : randomBytes(32);
        const keyFile = join(rt.config.dataDir, 'id.key');
        // embedded default: the new key is written beside the old one before the change, and moved in after it
        if (!supplied) writeFileSync(`${keyFile}.new`, `${newKey.toString('hex')}\n`, { mode: 0o600 });
        const r = await rt.services.keys.rotate(cliActor(), newKey, (n) => process.stderr.write(`\r已重新加密 ${n} 人`));
        process.stderr.write('\n');
        if (!supplied) {
          if (existsSync(keyFile)) copyFileSync(keyFile, `${keyFile}.old-${Date.now()}`);
          renameSync(`${keyFile}.new`, keyFile);
          console.log(`已用新密钥重新加密 ${r.persons} 人的身份证号及 ${r.heldRows} 条待核实导入行;新密钥已写入 ${keyFile}(旧密钥备份为 id.key.old-*,确认无误后请安全删除);部门交换密钥随之改变,请用 zhenxing exchange-key 重新发给各部门`);
        } else {
          console.log(`已用新密钥重新加密 ${r.persons} 人的身份证号及 ${r.heldRows} 条待核实导入行;请立即把 ZX_ID_KEY 改为 ZX_NEW_ID_KEY 的值后再启动服务;部门交换密钥随之改变,请用 zhenxing exchange-key 重新发给各部门`);
        }
      }),
    );
}
