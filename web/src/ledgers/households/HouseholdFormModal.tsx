import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../common/FormModal'
import { useRequiredRule } from '../../common/useRequiredRule'
import { useCodeName } from '../groups/groups.api'
import { RoomPicker } from '../links/RecordPickers'
import { PersonPicker } from '../people/PersonPicker'
import {
  addMember,
  changeHead,
  createHousehold,
  HEAD,
  type Household,
  type HouseholdCreate,
  householdsKey,
} from './households.api'

/** The relations to the head 与户主关系 a member may have (the code table's, the head's own left out). */
function useRelationOptions() {
  const { codes, name } = useCodeName('relation')
  return codes.filter((c) => c.active && c.code !== HEAD).map((c) => ({ value: c.code, label: name(c.code) }))
}

/** A new household: its number, its head picked by searching the people ledger, and maybe its room. */
export function HouseholdFormModal({
  onSaved,
  onClose,
}: {
  onSaved: (h: Household) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  return (
    <FormModal<HouseholdCreate, Household>
      title={t('households.add')}
      name="household"
      placement={{
        fields: { 'body.number': 'number', 'body.headPersonId': 'headPersonId', 'body.roomId': 'roomId' },
        codes: {
          'ledger.in_other_household': 'headPersonId',
          'ledger.person_not_found': 'headPersonId',
          'ledger.room_not_found': 'roomId',
          'grid.out_of_scope': 'roomId',
        },
      }}
      submit={(v) =>
        createHousehold({
          headPersonId: v.headPersonId,
          number: v.number?.trim() || null,
          roomId: v.roomId ?? null,
        })
      }
      invalidate={householdsKey}
      success={t('households.created')}
      onSuccess={onSaved}
      onClose={onClose}
    >
      <Form.Item name="number" label={t('households.number')}>
        <Input maxLength={30} data-testid="household-number-input" />
      </Form.Item>
      <Form.Item name="headPersonId" label={t('households.head')} rules={[required]}>
        <PersonPicker testId="household-head-picker" />
      </Form.Item>
      <Form.Item name="roomId" label={t('households.room')} extra={t('households.roomHint')}>
        <RoomPicker testId="household" />
      </Form.Item>
    </FormModal>
  )
}

/** A member added with their relation to the head. */
export function MemberFormModal({ household, onClose }: { household: Household; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const relations = useRelationOptions()
  return (
    <FormModal<{ personId: string; relation: string }, Household>
      title={t('households.addMember')}
      name="household-member"
      placement={{
        fields: { 'body.personId': 'personId', 'body.relation': 'relation' },
        codes: {
          'ledger.in_other_household': 'personId',
          'ledger.person_not_found': 'personId',
          'ledger.unknown_code': 'relation',
        },
      }}
      submit={(v) => addMember(household.id, v)}
      invalidate={householdsKey}
      success={t('households.memberAdded')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="personId" label={t('households.person')} rules={[required]}>
        <PersonPicker testId="member-picker" />
      </Form.Item>
      <Form.Item name="relation" label={t('households.relation')} rules={[required]}>
        <Select options={relations} data-testid="member-relation" showSearch optionFilterProp="label" />
      </Form.Item>
    </FormModal>
  )
}

/** 变更户主: another member becomes the head; the former head's relation to them is asked. */
export function HeadFormModal({ household, onClose }: { household: Household; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const relations = useRelationOptions()
  const others = household.members.filter((m) => m.personId !== household.headPersonId)
  return (
    <FormModal<{ personId: string; formerHeadRelation: string }, Household>
      title={t('households.changeHead')}
      name="household-head"
      placement={{
        fields: { 'body.personId': 'personId', 'body.formerHeadRelation': 'formerHeadRelation' },
        codes: {
          'ledger.not_member': 'personId',
          'ledger.already_head': 'personId',
          'ledger.one_head': 'formerHeadRelation',
          'ledger.unknown_code': 'formerHeadRelation',
        },
      }}
      submit={(v) => changeHead(household.id, v)}
      invalidate={householdsKey}
      success={t('households.headChanged')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="personId" label={t('households.newHead')} rules={[required]}>
        <Select
          data-testid="head-picker"
          options={others.map((m) => ({ value: m.personId, label: `${m.name} · ${m.idNumber ?? '—'}` }))}
        />
      </Form.Item>
      <Form.Item name="formerHeadRelation" label={t('households.formerHeadRelation')} rules={[required]}>
        <Select options={relations} data-testid="head-former-relation" showSearch optionFilterProp="label" />
      </Form.Item>
    </FormModal>
  )
}
