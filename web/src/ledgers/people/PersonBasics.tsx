import { Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocalName } from '../../i18n'
import type { PersonClear, PersonView } from './people.api'

/** The person's common fields, masked unless shown in clear for a while. */
export function PersonBasics({ person, clear }: { person: PersonView; clear: PersonClear | null }) {
  const { t } = useTranslation()
  const name = useLocalName()
  const codeName = (key: string) => {
    const c = person.codes[key]
    return c ? name(c.zh, c.en) : '—'
  }
  const shown = (key: 'name' | 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress') => (
    <span data-testid={`person-${key}`} style={clear ? { color: '#cf1322', fontWeight: 600 } : undefined}>
      {(clear ? clear[key] : person[key]) ?? '—'}
    </span>
  )
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
      <Descriptions.Item label={t('people.col.name')}>{shown('name')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.kind')}>
        {person.kindName ? name(person.kindName.zh, person.kindName.en) : person.kind}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.col.idNumber')}>{shown('idNumber')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.sex')}>
        {person.sexName ? name(person.sexName.zh, person.sexName.en) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.birthDate')}>{person.birthDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.phone')}>{shown('phone')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.ethnicity')}>{codeName('ethnicity')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.education')}>{codeName('education')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.maritalStatus')}>{codeName('maritalStatus')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.politicalStatus')}>
        {codeName('politicalStatus')}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.occupation')}>{person.occupation ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.workplace')}>{person.workplace ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.registeredAddress')}>
        {shown('registeredAddress')}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.currentAddress')}>{shown('currentAddress')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.grid')}>
        {person.grid.name} <Typography.Text type="secondary">{person.grid.code}</Typography.Text>
      </Descriptions.Item>
      {Object.entries(person.details).map(([key, value]) => (
        <Descriptions.Item key={key} label={t(`people.f.${key}`, { defaultValue: key })}>
          {key === 'englishName' && clear ? (
            <span style={{ color: '#cf1322', fontWeight: 600 }}>{clear.englishName ?? value}</span>
          ) : (
            value
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  )
}
