import { Grid, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Bulletin, BulletinSection } from './bulletins.api'
import styles from './bulletins.module.css'

function Section({ section }: { section: BulletinSection }) {
  const { t } = useTranslation()
  // On a phone the columns keep a readable width and the table scrolls sideways.
  const phone = !Grid.useBreakpoint().md
  const total = section.widths.reduce((a, b) => a + b, 0)
  return (
    <section className={styles.section} data-testid={`bulletin-section-${section.key}`}>
      <Typography.Title level={4} className={styles.heading}>
        {section.heading}
      </Typography.Title>
      {section.note && <Typography.Paragraph type="secondary">{section.note}</Typography.Paragraph>}
      <Table
        size="small"
        pagination={false}
        bordered
        scroll={phone ? { x: 560 } : undefined}
        rowKey={(_, i) => String(i)}
        locale={{ emptyText: t('bulletins.noRows') }}
        dataSource={section.rows.map((cells) => ({ cells }))}
        columns={section.header.map((title, c) => ({
          key: c,
          title,
          width: `${((section.widths[c] ?? 1) / total) * 100}%`,
          render: (_: unknown, row: { cells: (string | number | null)[] }) => row.cells[c] ?? '—',
        }))}
      />
    </section>
  )
}

/** A bulletin as a document: its title and the sections the PDF prints, in the reader's language. */
export function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  return (
    <article className={styles.document} data-testid="bulletin-document">
      <Typography.Title level={2} className={styles.title}>
        {bulletin.title}
      </Typography.Title>
      {bulletin.sections.map((s) => (
        <Section key={s.key} section={s} />
      ))}
    </article>
  )
}
