/**
 * Evaluation results (`/evaluation/rounds?round=`): a round's ranking with scores, grades and points
 * lost; a county's page (drawer) lists its items by points lost and its sample households. The weights
 * and grade lines are shown with who entered them where no public source gives them.
 */
import { useState } from 'react';
import { Alert, Card, Drawer, Flex, Select, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { getCountyResult, getResults, getRounds, getSamples, type ItemScore, type RoundResult } from './api';
import { ExportLinks } from './ExportLinks';

const GRADE_COLOR: Record<string, string> = { 好: 'green', 较好: 'blue', 一般: 'orange', 差: 'red' };
const STRATUM: Record<string, string> = { monitored: '监测对象户', liftedWithLabour: '有劳动能力脱贫户', liftedNoLabour: '无劳动能力脱贫户', other: '一般农户' };

function CountyPage({ roundId, county, onClose }: { roundId: number; county: string | null; onClose: () => void }) {
  const r = useApi((s) => getCountyResult(roundId, county!, s), [roundId, county], !!county);
  const samples = useApi((s) => getSamples(roundId, county!, s), [roundId, county], !!county);
  return (
    <Drawer open={!!county} onClose={onClose} width={Math.min(640, window.innerWidth)} title={r.data ? `${r.data.countyName}:${r.data.score} 分 第 ${r.data.rank} 名` : ''}>
      {r.error ? <ErrorAlert error={r.error} onRetry={r.reload} /> : null}
      {r.data ? (
        <>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text>等次 <Tag color={GRADE_COLOR[r.data.grade]}>{r.data.grade}</Tag> 失分 {r.data.lostPoints}</Typography.Text>
            <ExportLinks table="lost-points" query={{ id: roundId, county: county ?? undefined }} />
          </Flex>
          <Table<ItemScore> size="small" rowKey="itemId" pagination={false} scroll={{ x: 'max-content' }} dataSource={r.data.items} data-testid="lost-points" style={{ marginTop: 8 }}
            columns={[
              { key: 'n', title: '评价项', render: (_: unknown, i) => `${i.itemId} ${i.name}` },
              { key: 'w', dataIndex: 'weight', title: '权重', align: 'right' },
              { key: 'v', title: '取值', align: 'right', render: (_: unknown, i) => i.value ?? '—' },
              { key: 's', dataIndex: 'score', title: '得分', align: 'right' },
              { key: 'l', title: '失分', align: 'right', render: (_: unknown, i) => <Typography.Text type={i.lost > 0 ? 'danger' : undefined}>{i.lost}</Typography.Text> },
              { key: 'note', dataIndex: 'note', title: '说明', width: 220 },
            ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>抽样核查农户</Typography.Title>
          <Table size="small" rowKey={(s) => `${s.stratum}-${s.drawOrder}`} pagination={false} scroll={{ x: 'max-content' }} dataSource={samples.data ?? []} loading={samples.loading}
            columns={[{ key: 's', title: '层', render: (_: unknown, s) => STRATUM[s.stratum] ?? s.stratum }, { key: 'o', dataIndex: 'drawOrder', title: '顺序' }, { key: 'h', dataIndex: 'householdNo', title: '户编号' }, { key: 'v', dataIndex: 'villageCode', title: '村代码' }]} />
        </>
      ) : null}
    </Drawer>
  );
}

export default function RoundsPage() {
  const [params, setParams] = useSearchParams();
  const rounds = useApi((s) => getRounds(s), []);
  const roundId = Number(params.get('round') ?? rounds.data?.[0]?.id ?? 0);
  const results = useApi((s) => getResults(roundId, s), [roundId], roundId > 0);
  const [county, setCounty] = useState<string | null>(null);
  if (rounds.error) return <ErrorAlert error={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <Loading minHeight={320} />;
  const round = rounds.data.find((r) => r.id === roundId);
  return (
    <Flex vertical gap={16} data-testid="rounds-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>评价结果</Typography.Title>
        <Select style={{ minWidth: 220 }} value={roundId || undefined} placeholder="评价轮次" onChange={(v) => setParams({ round: String(v) })}
          options={rounds.data.map((r) => ({ value: r.id, label: `#${r.id} ${r.name}` }))} data-testid="round-select" />
      </Flex>
      {round ? (
        <Card size="small" title={round.name}>
          <Typography.Paragraph style={{ fontSize: 12 }} type="secondary">出处:{round.template.source}</Typography.Paragraph>
          {round.weightsEnteredByEvaluator ? <Alert type="info" showIcon message={`权重与等次分数线由评价层级录入(${round.weightsOrigin.split(':').slice(1).join(' ')}):${round.template.weightsNote}`} /> : null}
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            权重:{Object.entries(round.weights).map(([k, v]) => `${k} ${v}`).join(',')}(合计 {round.total});等次:好 ≥ {round.gradeLines.good},较好 ≥ {round.gradeLines.fairlyGood},一般 ≥ {round.gradeLines.fair};抽样种子 {round.seed}
          </Typography.Paragraph>
        </Card>
      ) : <Typography.Text type="secondary">尚无评价轮次</Typography.Text>}
      {results.error ? <ErrorAlert error={results.error} onRetry={results.reload} /> : null}
      {roundId ? (
        <Card size="small" title="排名" extra={<ExportLinks table="results" query={{ id: roundId }} />}>
          <Table<RoundResult> size="small" rowKey="countyCode" loading={results.loading} scroll={{ x: 'max-content' }} dataSource={results.data ?? []} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="round-results"
            columns={[
              { key: 'rank', dataIndex: 'rank', title: '名次', align: 'right' },
              { key: 'c', title: '县', render: (_: unknown, r) => <a onClick={() => setCounty(r.countyCode)}>{r.countyName}</a> },
              { key: 's', dataIndex: 'score', title: '得分', align: 'right' },
              { key: 'g', title: '等次', render: (_: unknown, r) => <Tag color={GRADE_COLOR[r.grade]}>{r.grade}</Tag> },
              { key: 'l', dataIndex: 'lostPoints', title: '失分', align: 'right' },
              { key: 'top', title: '主要失分项', render: (_: unknown, r) => [...r.items].sort((a, b) => b.lost - a.lost).filter((i) => i.lost > 0).slice(0, 2).map((i) => `${i.name} −${i.lost}`).join(';') || '—' },
            ]} />
        </Card>
      ) : null}
      <CountyPage roundId={roundId} county={county} onClose={() => setCounty(null)} />
    </Flex>
  );
}
