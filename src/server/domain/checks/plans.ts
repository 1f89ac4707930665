/** Planned work (计划外出务工信息): a plan names where and what help is needed; who plans is able to work. */
import { age, blank, NO_LABOUR, onSpell, SRC_FUPING, SRC_LABOUR_LAW, SRC_PLAN, SRC_TEKUN, type CheckDef } from './model';

const p = (id: string, zh: string, meaning: string, hint: string, pred: Parameters<typeof onSpell>[1], source = SRC_PLAN): CheckDef => ({ id, family: 'plans', level: 'spell', zh, meaning, source, hint, run: onSpell('plans', pred) });

export const PLAN_CHECKS: CheckDef[] = [
  p('PLN-01', '计划务工但无计划务工所在县', '计划外出务工须填写计划务工地点(县级)', '补录计划务工所在县', (s) => (s.working === true && blank(s.workCounty) ? { 是否计划务工: true, 计划务工所在县: null } : null), `${SRC_PLAN};${SRC_FUPING}`),
  p('PLN-02', '计划务工但未填写就业服务需求', '计划外出务工须登记就业服务需求,以便对接岗位', '补录就业服务需求', (s) => (s.working === true && blank(s.serviceNeed) ? { 是否计划务工: true, 就业服务需求: null } : null), `${SRC_PLAN};${SRC_FUPING}`),
  p('PLN-03', '未满16岁计划外出务工', '禁止招用未满16周岁的未成年人', '核实计划务工信息或出生日期', (s, m, _h, asOf) => (s.working === true && age(m, asOf) < 16 ? { 年龄: age(m, asOf), 是否计划务工: true } : null), SRC_LABOUR_LAW),
  p('PLN-04', '无劳动力或丧失劳动力者计划外出务工', '计划务工说明有劳动能力', '核实劳动技能或计划务工信息', (s, m) => (s.working === true && NO_LABOUR.has(m.labourSkill) ? { 劳动技能: m.labourSkill, 是否计划务工: true } : null), `${SRC_PLAN};${SRC_FUPING}`),
  p('PLN-05', '计划务工记录“是否计划务工”为空', '计划外出务工信息须标明是否计划务工', '补录是否计划务工', (s) => (s.working === null ? { 是否计划务工: null } : null)),
  p('PLN-06', '特困供养人员计划外出务工', '特困人员须无劳动能力', '核实特困认定或计划务工信息', (s, m) => (s.working === true && !!m.tekun ? { 享受特困供养政策情况: true, 是否计划务工: true } : null), SRC_TEKUN),
];
