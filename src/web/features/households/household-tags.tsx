/** Tags for a household's type, monitored category, risk types and flagging rules. */
import { Tag } from 'antd';
import type { RuleDto } from '../../../shared/api';
import type { HouseholdType, MonitoredCategory, RiskType } from '../../../shared/enums';
import { useI18n } from '../../i18n';

/** 户类型 tag. */
export function HouseholdTypeTag({ type }: { type: HouseholdType }) {
  const { label } = useI18n();
  return <Tag color={type === 'liftedOutOfPoverty' ? 'blue' : 'default'}>{label('householdType', type)}</Tag>;
}

/** 监测对象类别 tag (nothing when not monitored). */
export function CategoryTag({ category }: { category: MonitoredCategory | null }) {
  const { label } = useI18n();
  if (!category) return null;
  const color: Record<MonitoredCategory, string> = { unstableLifted: 'volcano', marginalVulnerable: 'gold', suddenHardship: 'purple' };
  return <Tag color={color[category]}>{label('monitoredCategory', category)}</Tag>;
}

/** 风险类型 tags. */
export function RiskTypeTags({ riskTypes }: { riskTypes: RiskType[] }) {
  const { label } = useI18n();
  return (
    <>
      {riskTypes.map((r) => (
        <Tag key={r} color="orange" style={{ marginBottom: 2 }}>
          {label('riskType', r)}
        </Tag>
      ))}
    </>
  );
}

/** Tags of the rules that flag a household, named from /rules. */
export function RuleTags({ ruleIds, rules }: { ruleIds: string[]; rules: RuleDto[] | undefined }) {
  return (
    <>
      {ruleIds.map((id) => (
        <Tag key={id} color="red" style={{ marginBottom: 2 }} data-testid="flag-tag">
          {rules?.find((r) => r.id === id)?.name ?? id}
        </Tag>
      ))}
    </>
  );
}
