import { PlusOutlined } from '@ant-design/icons'
import { Input, type InputRef, Space, Tag, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAction } from '../../common/useAction'
import { type PersonView, peopleKey, setPersonTags } from './people.api'

const MAX_TAGS = 10
const MAX_LENGTH = 20

/** A person's tags 标签: shown on the profile; a writer adds one by typing it and removes one by its ×. */
export function PersonTags({ person, editable }: { person: PersonView; editable: boolean }) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState(false)
  const [text, setText] = useState('')
  const input = useRef<InputRef>(null)
  useEffect(() => {
    if (adding) input.current?.focus()
  }, [adding])
  const save = useAction((tags: string[]) => setPersonTags(person.id, tags, person.version), {
    invalidate: [peopleKey],
    success: t('people.tagsSaved'),
  })
  const commit = () => {
    const tag = text.trim()
    setAdding(false)
    setText('')
    if (tag && !person.tags.includes(tag)) save.mutate([...person.tags, tag])
  }
  return (
    <Space wrap size={[4, 8]} data-testid="person-tags">
      {person.tags.map((tag) => (
        <Tag
          key={tag}
          color="geekblue"
          closable={editable && !save.isPending}
          onClose={(e) => {
            e.preventDefault()
            save.mutate(person.tags.filter((x) => x !== tag))
          }}
          data-testid="person-tag"
        >
          {tag}
        </Tag>
      ))}
      {person.tags.length === 0 && !editable && (
        <Typography.Text type="secondary">{t('people.none')}</Typography.Text>
      )}
      {editable &&
        person.tags.length < MAX_TAGS &&
        (adding ? (
          <Input
            ref={input}
            size="small"
            style={{ width: 140 }}
            maxLength={MAX_LENGTH}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onPressEnter={commit}
            placeholder={t('people.tagsHint')}
            data-testid="person-tag-input"
          />
        ) : (
          <Tag
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            style={{ cursor: 'pointer', borderStyle: 'dashed' }}
            data-testid="person-tag-add"
          >
            {t('people.tagAdd')}
          </Tag>
        ))}
    </Space>
  )
}
