import { App, Button, Popconfirm, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../api/client'
import { useErrorText } from '../common/errorText'
import { useFormatTime } from '../common/format'
import { useAction } from '../common/useAction'
import { useActed } from './CaseActions'
import { metres } from './caseLoopText'
import { actOnCase, type CaseView, type Duplicate } from './cases.api'
import { useCaseName } from './caseText'

/**
 * Open cases of the same class reported nearby lately: the likely duplicates of this one. Where the
 * reader may merge this case, each row merges it into that one (合并到此), at the version shown.
 */
export function CaseDuplicates({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const acted = useActed(c)
  const mergeable = c.abilities.includes('merge')
  const merge = useAction(
    (into: Duplicate) => actOnCase(c.id, 'merge', { version: c.version, into: into.id }),
    {
      onSuccess: (updated) => acted.done('merge', updated),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'case.version_conflict') return acted.conflict()
        void message.error(errorText(error))
      },
    },
  )

  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      data-testid="case-duplicates"
      dataSource={c.duplicates}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'no',
          title: t('cases.no'),
          render: (_, d) => <Link to={`/cases/${d.id}`}>{d.no}</Link>,
        },
        { key: 'distance', title: t('cases.duplicates.distance'), render: (_, d) => metres(d.distanceM) },
        { key: 'state', title: t('cases.state'), render: (_, d) => <Tag>{name('states', d.state)}</Tag> },
        { key: 'reportedAt', title: t('cases.reportedAt'), render: (_, d) => formatTime(d.reportedAt) },
        { key: 'followers', title: t('cases.duplicates.followers'), dataIndex: 'followers' },
        ...(mergeable
          ? [
              {
                key: 'merge',
                title: '',
                render: (_: unknown, d: Duplicate) => (
                  <Popconfirm
                    title={t('cases.duplicates.confirm', { no: c.no, into: d.no })}
                    okText={t('cases.form.submit')}
                    onConfirm={() => merge.mutateAsync(d).catch(() => undefined)}
                  >
                    <Button size="small" loading={merge.isPending && merge.variables?.id === d.id}>
                      {t('cases.duplicates.mergeHere')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]
          : []),
      ]}
    />
  )
}
