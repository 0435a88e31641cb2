import { useNavigate } from 'react-router'
import { logout } from '../auth/auth.api'
import { useAction } from '../common/useAction'

/** Whether or not the server still knew the session, the user asked to leave: go to the sign-in page. */
export function useSignOut() {
  const navigate = useNavigate()
  return useAction(logout, {
    onSettled: () => void navigate('/login', { replace: true }),
    toastErrors: false,
  })
}
