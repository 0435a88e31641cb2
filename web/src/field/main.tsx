import './i18n'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { FieldApp } from './FieldApp'
import { registerServiceWorker } from './serviceWorker'
import './field.css'

const root = document.getElementById('root')
if (!root) throw new Error('m/index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
)
registerServiceWorker()
