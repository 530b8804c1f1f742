/** An id shown in full, with a button that copies it and says so. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyId({ id }: { id: string }) {
  const { t } = useTranslation('profiles');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(id);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <span className="profiles-copy-id">
      <code>{id}</code>{' '}
      <button type="button" className="profiles-small-button" onClick={() => void copy()}>
        {t('record.copy')}
      </button>
      <span role="status" className="profiles-copy-status">
        {copied === 'yes' ? t('record.copied') : copied === 'failed' ? t('record.copyFailed') : ''}
      </span>
    </span>
  );
}
