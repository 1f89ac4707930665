/**
 * Import page (`/intake`): upload → mapping (columns found, missing, ambiguous; the user may correct
 * them) → preview with every problem (sheet, row, column, code, message; downloadable .xlsx) → commit
 * with progress → summary; and the import history with rollback. Place names the code list does not hold are
 * mapped in the preview (PlaceNamesCard), remembered per county on commit.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Input, InputNumber, Popconfirm, Progress, Select, Space, Steps, Table, Tag, Typography, Upload, message } from 'antd';
import type { ImportBatchDto, ImportReportDto, IntakeProblemDto } from '../../../shared/intake';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBeijingTime } from '../../components/format';
import { useSession } from '../accounts/session';
import { PlaceNamesCard } from './PlaceNamesCard';
import { commitUpload, getJob, listImports, listKinds, mayExportPersonalData, previewUpload, problemsUrl, rollbackImport, templateUrl, uploadFile } from './intake-api';

const LEVEL = { error: { color: 'red', zh: '拒绝' }, hold: { color: 'orange', zh: '待核实' }, warning: { color: 'blue', zh: '提示' } } as const;

/** The import page. */
export default function ImportPage() {
  const kinds = useApi((s) => listKinds(s), []);
  const history = useApi((s) => listImports(s), []);
  const { user } = useSession();
  const canExport = mayExportPersonalData(user?.roles);
  const [kind, setKind] = useState('national-person');
  const [upload, setUpload] = useState<{ uploadId: string; fileName: string; bytes: number } | null>(null);
  const [sheet, setSheet] = useState<number | undefined>();
  const [village, setVillage] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [placeMapping, setPlaceMapping] = useState<Record<string, string>>({});
  /** values the user confirmed for required columns the list lacks (never assumed: issue 9 item 1) */
  const [defaults, setDefaults] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [result, setResult] = useState<ImportReportDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const kindInfo = kinds.data?.find((k) => k.kind === kind);
  const req = (d = defaults) => ({ kind, sheet, village: village || undefined, mapping: Object.keys(mapping).length ? mapping : undefined, placeMapping: Object.keys(placeMapping).length ? placeMapping : undefined, defaults: Object.keys(d).length ? d : undefined });

  const doPreview = async (id = upload?.uploadId, d = defaults) => {
    if (!id) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setReport(await previewUpload(id, req(d)));
    } catch (e) {
      setReport(null);
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const doCommit = async () => {
    if (!upload) return;
    setBusy(true);
    setProgress(0);
    try {
      const { jobId } = await commitUpload(upload.uploadId, req());
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const job = await getJob(jobId);
        setProgress(job.estimate ? Math.min(99, Math.round((job.done / job.estimate) * 100)) : 0);
        if (job.status === 'done') {
          setResult(job.report);
          message.success('导入完成');
          history.reload();
          break;
        }
        if (job.status === 'failed') {
          setError(new ApiError(job.error!.code, job.error!.message, 400));
          break;
        }
      }
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const step = result ? 3 : report ? (report.mappingComplete ? 2 : 1) : upload ? 1 : 0;
  const problemsOf = (e: ApiError | null) => ((e as unknown as { details?: { problems?: IntakeProblemDto[] } })?.details?.problems ?? []);

  return (
    <Flex vertical gap={16} data-testid="import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>数据导入</Typography.Title>
      <Steps current={step} items={[{ title: '上传文件' }, { title: '列对应' }, { title: '预览与问题' }, { title: '导入完成' }]} />
      <Card size="small">
        <Space wrap>
          <span>导入类型</span>
          <Select style={{ width: 260 }} value={kind} onChange={(v) => { setKind(v); setReport(null); setMapping({}); setDefaults({}); }} data-testid="import-kind"
            options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: `${k.zh}${k.department ? `(${k.department})` : ''}` }))} />
          <a href={templateUrl(kind)} data-testid="template-link">下载模板</a>
          <Upload accept=".xlsx,.csv,.txt" maxCount={1} showUploadList={false}
            customRequest={async ({ file }) => {
              setError(null);
              setReport(null);
              setResult(null);
              try {
                const u = await uploadFile(file as File);
                setUpload(u);
                setDefaults({});
                await doPreview(u.uploadId, {});
              } catch (e) {
                setError(e as ApiError);
              }
            }}>
            <Button type="primary" data-testid="upload-button">选择文件并上传</Button>
          </Upload>
          {upload ? <span data-testid="uploaded-name">{upload.fileName}({Math.ceil(upload.bytes / 1024)} KB)</span> : null}
          <span>工作表</span>
          <InputNumber min={1} max={255} value={sheet} onChange={(v) => setSheet(v ?? undefined)} placeholder="第一个可见" />
          {kindInfo?.target === 'registry' ? <Input style={{ width: 200 }} placeholder="默认村级区划代码(可选)" value={village} onChange={(e) => setVillage(e.target.value.trim())} /> : null}
          <Button onClick={() => doPreview()} disabled={!upload || busy}>重新预览</Button>
        </Space>
      </Card>
      {error ? (
        <Alert type="error" showIcon message={error.message} data-testid="import-error"
          description={problemsOf(error).map((p) => `${p.code}:${p.message}`).join(';') || undefined} />
      ) : null}
      {report ? (
        <>
          <Card size="small" title="列对应" data-testid="mapping-card">
            {report.hiddenSheets.length ? <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`隐藏工作表未读取:${report.hiddenSheets.join('、')}`} /> : null}
            {report.missingColumns.length ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`缺少必填列:${report.missingColumns.join('、')};请在下表为文件中的列指定含义后重新预览`} /> : null}
            {report.proposedDefaults.filter((d) => !d.confirmed).map((d) => (
              <Alert key={d.key} type="info" showIcon style={{ marginBottom: 8 }} data-testid={`default-${d.key}`}
                message={`名单没有“${d.zh}”列。如名单中每一行都是“${d.value}”,可确认按此值导入;否则请在下表指定对应的列。`}
                action={<Button size="small" disabled={busy} onClick={() => { const next = { ...defaults, [d.zh]: d.value }; setDefaults(next); void doPreview(upload?.uploadId, next); }}>确认按“{d.value}”导入</Button>} />
            ))}
            <Table size="small" rowKey="name" pagination={false} scroll={{ y: 240 }} dataSource={report.columns}
              columns={[
                { title: '文件中的列', dataIndex: 'name' },
                {
                  title: '对应模板列', dataIndex: 'key',
                  render: (_: unknown, c) => (
                    <Select style={{ width: 220 }} size="small" allowClear value={mapping[c.name] ?? c.key ?? undefined}
                      onChange={(v) => setMapping({ ...mapping, [c.name]: v ?? '' })}
                      options={(kindInfo?.columns ?? []).map((k) => ({ value: k.key, label: `${k.zh}${k.required ? ' *' : ''}` }))} />
                  ),
                },
              ]} />
          </Card>
          <PlaceNamesCard names={report.placeNames ?? []} value={placeMapping} onChange={setPlaceMapping} onApply={() => doPreview()} busy={busy} />
          <Card size="small" title="预览(尚未写入)" data-testid="preview-card"
            extra={<Space>{canExport ? <a href={problemsUrl(upload!.uploadId)} data-testid="problems-download">下载问题清单(.xlsx)</a> : null}
              <Button type="primary" disabled={!report.mappingComplete || busy} onClick={doCommit} data-testid="commit-button">确认导入</Button></Space>}>
            <Descriptions size="small" column={4} items={[
              { label: '文件', children: `${report.fileName}(${report.kindZh})` }, { label: '工作表', children: report.sheet }, { label: '表头所在行', children: report.headerRows.join('、') },
              { label: '编码', children: report.encoding ?? 'xlsx' }, { label: '数据行', children: report.counts.rows }, { label: '新增', children: report.counts.add },
              { label: '更新', children: report.counts.update }, { label: '待核实', children: report.counts.hold }, { label: '拒绝', children: report.counts.reject + report.counts.duplicate },
              { label: '匹配登记人员', children: report.counts.matched }, { label: '风险线索', children: report.counts.clues },
            ]} />
            {report.alreadyImportedBatchId !== null ? <Alert type="info" showIcon message={`该文件已于批次 ${report.alreadyImportedBatchId} 导入,再次导入不会重复写入`} /> : null}
            {progress !== null ? <Progress percent={progress} status="active" data-testid="commit-progress" /> : null}
            <Table<IntakeProblemDto> scroll={{ x: 'max-content' }} size="small" rowKey={(p, i) => `${p.row}-${p.code}-${i}`} dataSource={report.problems} pagination={{ pageSize: 20 }} data-testid="problems-table"
              columns={[
                { title: '行', dataIndex: 'row', width: 70 }, { title: '列', dataIndex: 'column', width: 160 },
                { title: '处理', dataIndex: 'level', width: 80, render: (l: IntakeProblemDto['level']) => <Tag color={LEVEL[l].color}>{LEVEL[l].zh}</Tag> },
                { title: '代码', dataIndex: 'code', width: 220 }, { title: '说明', dataIndex: 'message' },
              ]} />
            {report.clues.length ? <Table scroll={{ x: 'max-content' }} size="small" rowKey={(c) => `${c.row}-${c.ruleId}`} dataSource={report.clues} pagination={false}
              columns={[{ title: '行', dataIndex: 'row', width: 70 }, { title: '规则', dataIndex: 'ruleId', width: 90 }, { title: '风险线索', dataIndex: 'summary' }]} /> : null}
            {report.heldRows?.length ? (
              // national tables: each held row with what holding it entails (a held head holds the whole household; issue 8)
              <Table scroll={{ x: 'max-content' }} size="small" rowKey={(h) => String(h.row)} dataSource={report.heldRows} pagination={{ pageSize: 20 }} data-testid="held-rows-table"
                title={() => '待核实的行及其影响'}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 }, { title: '户编号', dataIndex: 'householdNo', width: 160 },
                  // the reason in words: the row's problem of that code (the code itself only when none says more)
                  { title: '原因', dataIndex: 'reasons', width: 260, render: (rs: string[], h) => rs.map((r) => <div key={r}>{report.problems.find((p) => p.row === h.row && p.code === r)?.message ?? r}</div>) },
                  { title: '影响', dataIndex: 'consequences', render: (cs: string[]) => cs.join(';') },
                ]} />
            ) : null}
          </Card>
        </>
      ) : null}
      {result ? (
        <Alert type="success" showIcon data-testid="import-result"
          message={`已导入批次 ${result.batchId}:新增 ${result.counts.add},更新 ${result.counts.update},未变 ${result.counts.unchanged},待核实 ${result.counts.hold},拒绝 ${result.counts.reject}${result.counts.clues ? `,新风险线索 ${result.counts.clues}` : ''}${result.checks ? `;导入后核查发现 ${result.checks.findings} 条` : ''}`} />
      ) : null}
      <Card size="small" title="导入记录">
        {history.error ? <ErrorAlert error={history.error} onRetry={history.reload} /> : null}
        <Table<ImportBatchDto> scroll={{ x: 'max-content' }} size="small" rowKey="id" loading={history.loading} dataSource={history.data ?? []} pagination={{ pageSize: 10 }}
          columns={[
            { title: '批次', dataIndex: 'id', width: 70 }, { title: '时间(北京时间)', dataIndex: 'startedAt', width: 170, render: (v: string) => formatBeijingTime(v) }, { title: '文件', dataIndex: 'fileName' }, { title: '类型', dataIndex: 'kind', width: 130, render: (k: string) => kinds.data?.find((x) => x.kind === k)?.zh ?? k },
            { title: '操作人', dataIndex: 'actor', width: 110 },
            { title: '新增/更新/未变', render: (_, b) => `${b.added}/${b.updated}/${b.unchanged}`, width: 120 }, { title: '待核实', dataIndex: 'held', width: 80 }, { title: '拒绝', dataIndex: 'rejected', width: 70 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => (s === 'committed' ? <Tag color="green">已导入</Tag> : s === 'running' ? <Tag color="orange">未完成(重新导入同一文件可续导)</Tag> : <Tag>已回退</Tag>) },
            {
              title: '', width: 80,
              render: (_, b) => b.status === 'committed' || b.status === 'running' ? (
                <Popconfirm title="回退该批次?" onConfirm={async () => {
                  try {
                    await rollbackImport(b.id);
                    message.success('已回退');
                    history.reload();
                  } catch (e) {
                    message.error((e as ApiError).message);
                  }
                }}><a>回退</a></Popconfirm>
              ) : null,
            },
          ]} />
      </Card>
    </Flex>
  );
}
