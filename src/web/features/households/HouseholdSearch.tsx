/**
 * Finds households by ID number (sent in a POST body, so it never appears in the URL, the history or
 * the server's access log) or by any part of a head's or member's name (issue 16 item 6).
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List } from 'antd';
import { Link } from 'react-router';
import { searchHouseholds, type HouseholdMatchDto } from '../../api/client';
import { RegionName } from '../../components/RegionName';

export function HouseholdSearch() {
  const [found, setFound] = useState<HouseholdMatchDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (v: { idNumber?: string; name?: string }) => {
    setBusy(true);
    setError(null);
    try {
      setFound(await searchHouseholds({ idNumber: v.idNumber?.trim() || undefined, name: v.name?.trim() || undefined }));
    } catch (e) {
      setError((e as Error).message);
      setFound(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="按身份证号或姓名查找" data-testid="household-id-search">
      <Form layout="inline" onFinish={(v) => void run(v as { idNumber?: string; name?: string })} style={{ rowGap: 8 }}>
        <Form.Item name="idNumber" label="身份证号"><Input autoComplete="off" maxLength={20} style={{ width: 200 }} data-testid="search-id" /></Form.Item>
        <Form.Item name="name" label="姓名(任一部分)"><Input maxLength={20} style={{ width: 140 }} data-testid="search-name" /></Form.Item>
        <Button htmlType="submit" loading={busy} data-testid="search-submit">查找</Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      {found ? (
        <List size="small" style={{ marginTop: 8 }} data-testid="search-results" locale={{ emptyText: '本区域内没有找到' }} dataSource={found}
          renderItem={(m) => (
            <List.Item>
              <Link to={`/households/${m.householdId}`}>{m.householdNo} {m.headName}</Link> <RegionName code={m.villageCode} />
            </List.Item>
          )} />
      ) : null}
    </Card>
  );
}
