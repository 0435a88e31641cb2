import type { ActionForm } from './actionForm'
import { NoteField, PublicTextField } from './fields'

/** accept, start, close, resume, report_in 报到: nothing to choose, only what to say about it. */
export const confirmForm: ActionForm = {
  Fields: () => (
    <>
      <PublicTextField />
      <NoteField />
    </>
  ),
}
