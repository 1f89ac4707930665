/**
 * Operator commands of accounts, audit and keys:
 * - `zhenxing user create --admin --username NAME [--region CODE] [--roles r1,r2]` prints a one-time
 *   password (changed at first sign-in). `--admin` adds the administrator role.
 * - `zhenxing audit verify [--anchors FILE] [--json]` walks the keyed hash chain and reports every break,
 *   the head, and every checkpoint of the anchor file; exit 1 when anything does not hold.
 * - `zhenxing audit anchor` appends a checkpoint of the head to the data folder's audit-anchors.log and
 *   prints it for keeping off-site.
 * - `zhenxing keys rotate` re-encrypts every ID number under a new master key (see README: the new key
 *   comes from ZX_NEW_ID_KEY, or is generated into the data folder's id.key on the embedded default).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { auditAnchorFile, openRuntime, type Runtime } from '../../server/bootstrap';
import type { AuditVerifyReport } from '../../server/services/audit.service';
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

const KIND_ZH: Record<string, string> = { link: '前一条被删除或插入(链接断开)', altered: '内容被改动', unkeyed: '无密钥写入或改写', forged: '检查点签名不符', truncated: '日志在检查点之前被截断', missing: '检查点对应的记录已不存在', rewritten: '检查点对应的记录被改写' };

/** The verification report in Chinese, one finding a line. */
export function describeVerify(r: AuditVerifyReport): string {
  const lines: string[] = [];
  lines.push(r.ok ? `审计日志完整:已校验 ${r.checked} 条` : `审计日志有异常:已校验 ${r.checked} 条`);
  if (r.breakCount) {
    lines.push(`链断裂 ${r.breakCount} 处${r.breakCount > r.breaks.length ? `(列出前 ${r.breaks.length} 处)` : ''}:`);
    for (const b of r.breaks) lines.push(`  id=${b.id}:${KIND_ZH[b.kind]}`);
  }
  if (!r.headMatches) lines.push(r.headMacValid ? '链头与最后一条记录不符:末尾记录可能被删除' : '链头签名不符:链头被改写(可能截断了末尾记录)');
  if (r.unkeyedEntries) lines.push(`其中 ${r.unkeyedEntries} 条写于启用审计密钥之前,只能校验哈希链,不能证明未被有数据库写权限者改写`);
  if (r.anchors) {
    if (!r.anchors.checkpoints) lines.push(`锚点文件 ${r.anchors.file} 中没有检查点:无法检查截断`);
    else lines.push(`锚点:${r.anchors.checkpoints} 个检查点,最近一个 ${r.anchors.last!.at}(id=${r.anchors.last!.id})`);
    for (const p of r.anchors.problems) lines.push(`  检查点 ${p.at}(id=${p.id}):${KIND_ZH[p.kind]}`);
    if (r.anchors.unreadableLines) lines.push(`  锚点文件中有 ${r.anchors.unreadableLines} 行无法识别`);
  }
  return lines.join('\n');
}

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

  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('逐条校验审计日志哈希链(带密钥),报告每一处断裂,并用锚点文件检查截断与重写')
    .option('--anchors <file>', '锚点文件(默认数据目录中的 audit-anchors.log;也可用异地保存的副本)')
    .option('--json', '以 JSON 输出')
    .action(async (o: { anchors?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await rt.services.audit.verify({ anchorFile: o.anchors ?? auditAnchorFile(rt.config.dataDir) });
        if (o.json) console.log(JSON.stringify(r));
        else console.log(describeVerify(r));
        if (!r.ok) process.exitCode = 1;
      }),
    );
  audit
    .command('anchor')
    .description('记录审计日志链头检查点(追加到数据目录的 audit-anchors.log)并打印,供异地保存')
    .action(async () =>
      withRuntime(async (rt) => {
        const file = auditAnchorFile(rt.config.dataDir);
        const c = await rt.services.audit.anchor(file);
        console.log(`审计日志检查点(已追加到 ${file};请把下面一行抄送或打印后异地保存,核验时用 --anchors 指定):\n${JSON.stringify(c)}`);
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
