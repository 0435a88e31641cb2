import type { authZhCN } from './auth.zh-CN'

/** English for signing in, two-step verification, changing a password. */
export const authEnUS: typeof authZhCN = {
  login: {
    subtitle: 'Sign in with your account',
    username: 'Username',
    usernameRequired: 'Enter your username',
    password: 'Password',
    passwordRequired: 'Enter your password',
    submit: 'Sign in',
  },
  forbidden: { text: 'You do not have permission to open this page' },
  twoStep: {
    title: 'Two-step verification',
    required: 'Your role requires two-step verification: set it up to continue',
    active:
      'Two-step verification is on: signing in needs the code from your authenticator app as well as the password.',
    inactive: 'Two-step verification is off.',
    explain:
      'Scan the QR code with an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, FreeOTP …); it shows a 6-digit code every 30 seconds.',
    start: 'Set up',
    replace: 'New phone or set up again',
    stepStart: 'Start',
    stepScan: 'Scan and verify',
    stepSave: 'Save recovery codes',
    scan: 'Scan this QR code with your authenticator app, or type the secret in by hand. Then enter the 6-digit code it shows.',
    qrAlt: 'Two-step verification QR code',
    secretLabel: 'Secret',
    code: 'Code',
    confirm: 'Verify and turn on',
    enabled: 'Two-step verification is on',
    recoveryExplain:
      'These recovery codes are shown only this once. Keep them safe (print them or store them in a password manager); if you lose your phone, each one signs you in once instead of a code.',
    copy: 'Copy all recovery codes',
    copied: 'Copied',
    done: 'I have saved them',
    enterCode: 'Enter the 6-digit code from your authenticator app',
    enterRecovery: 'Enter a recovery code (each works once)',
    recoveryCode: 'Recovery code',
    verify: 'Verify',
    useRecovery: 'No phone at hand? Use a recovery code',
    useCode: 'Use a code',
  },
  password: {
    title: 'Change password',
    mustChange: 'This is a first sign-in or your password was reset: change your password first',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm new password',
    rule: '8 to 256 characters with 3 of: lower case, upper case, digits, symbols; not a common password, nor your username or name',
    mismatch: 'The two passwords differ',
    currentWrong: 'The current password is wrong',
    submit: 'Change password',
    changed: 'Password changed',
  },
  devices: {
    title: 'My devices',
    explain:
      'Devices signed in to the field app: they stay signed in through days offline (30 days at most). If a phone is lost or handed on, end its sign-in here.',
    empty: 'No device is signed in to the field app',
    current: 'This device',
    signedIn: 'Signed in',
    lastSeen: 'Last used',
    expires: 'Expires',
    end: 'End sign-in',
    endConfirm:
      'End the sign-in of “{{name}}”? The device must sign in again when next online; records not yet sent stay on it.',
    ended: 'The device’s sign-in has ended',
  },
}
