/**
 * The masked ID number of a member with a 查看 button (for users allowed to see full ID numbers): asks
 * for a reason, calls POST /persons/:id/id-number (logged in the audit log) and shows the number.
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { ApiError, revealIdNumber } from '../../api/client';
import { hasRole, useSession } from './session';

export function RevealIdNumber({ personId, masked }: { personId: number; masked: string }) {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [full, setFull] = useState<string>();
  const [error, setError] = useState<string>();
  const allowed = hasRole(user, 'reviewer', 'villageCadre', 'townshipReviewer', 'countyApprover');
  return (
    <Space size={4}>
      <Typography.Text code data-testid="id-number">{full ?? masked}</Typography.Text>
      {allowed && !full ? <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="reveal-id">查看</Button> : null}
      <Modal
        title="查看完整身份证号"
        open={open}
        okText="查看"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setError(undefined);
          try {
            setFull((await revealIdNumber(personId, reason)).idNumber);
            setOpen(false);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">查看理由、查看人和时间将记入审计日志。</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Input.TextArea rows={2} maxLength={200} placeholder="查看理由(至少4个字)" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
